import {
  Alert,
  Button,
  Checkbox,
  Code,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, rememberPosition } from '../api/client';
import { isProblem } from '../api/problem';
import type { components } from '../api/schema';
import { useWorkerPageTitle } from './useWorkerPageTitle';

type FileGrievance = components['schemas']['FileGrievanceDto'];
type Filed = components['schemas']['GrievanceFiledView'];

/**
 * A worker files an anonymous grievance (POST /public/grievances) and is shown the receipt code,
 * once: it is kept nowhere, not even in this browser. The buyer and factory codes come from the
 * link on the factory's poster (`/grievance?buyer=…&factory=…`). Refusals are told in the worker's
 * language rather than the API's English: the form checks what it can, and names the fields the
 * API refused.
 */
export function FileGrievancePage() {
  const { t } = useTranslation();
  useWorkerPageTitle(t('file.title'));
  const [search] = useSearchParams();
  const [filed, setFiled] = useState<Filed>();
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);
  const form = useForm<FileGrievance>({
    mode: 'controlled',
    initialValues: {
      organisationId: search.get('buyer') ?? '',
      factoryId: search.get('factory') ?? '',
      allegation: '',
      workersConcerned: 1,
      urgent: false,
    },
    validate: {
      organisationId: (value) => (value.trim() ? null : t('file.required')),
      factoryId: (value) => (value.trim() ? null : t('file.required')),
      allegation: (value) => (value.trim() ? null : t('file.required')),
      workersConcerned: (value) => (Number.isInteger(value) && value >= 1 ? null : t('file.workersInvalid')),
    },
  });

  const send = async (values: FileGrievance) => {
    setPending(true);
    setFailure(undefined);
    try {
      const { data, error, response } = await api.POST('/public/grievances', { body: values });
      if (response.ok && data) {
        rememberPosition(data.position);
        setFiled(data);
        return;
      }
      const problem = isProblem(error) ? error : undefined;
      if (response.status === 400 && problem?.errors?.length)
        for (const { field } of problem.errors) form.setFieldError(field.split('.')[0]!, t('file.checkField'));
      else if (problem?.code === 'reference.not_found') form.setFieldError('factoryId', t('file.unknownFactory'));
      else setFailure(t('file.failed'));
    } catch {
      setFailure(t('file.failed'));
    } finally {
      setPending(false);
    }
  };

  if (filed)
    return (
      <Stack>
        <Title order={1}>{t('receipt.title')}</Title>
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Text fw={700} id="receipt-code-label">
              {t('receipt.code')}
            </Text>
            <Code block fz="xl" aria-labelledby="receipt-code-label" data-testid="receipt-code">
              {filed.receiptCode}
            </Code>
            <Text>{t('receipt.keep')}</Text>
          </Stack>
        </Paper>
        <Button component={Link} to="/grievance/status" variant="filled" w="fit-content">
          {t('receipt.follow')}
        </Button>
      </Stack>
    );

  return (
    <Stack>
      <Title order={1}>{t('file.title')}</Title>
      <Text>{t('file.intro')}</Text>
      <form onSubmit={form.onSubmit((values) => void send(values))} noValidate>
        <Stack>
          <TextInput
            label={t('file.buyer')}
            description={t('file.fromPoster')}
            required
            {...form.getInputProps('organisationId')}
          />
          <TextInput
            label={t('file.factory')}
            description={t('file.fromPoster')}
            required
            {...form.getInputProps('factoryId')}
          />
          <Textarea
            label={t('file.allegation')}
            description={t('file.allegationHint')}
            required
            autosize
            minRows={4}
            {...form.getInputProps('allegation')}
          />
          <NumberInput
            label={t('file.workers')}
            required
            min={1}
            allowDecimal={false}
            {...form.getInputProps('workersConcerned')}
          />
          <Checkbox label={t('file.urgent')} {...form.getInputProps('urgent', { type: 'checkbox' })} />
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <Button type="submit" loading={pending} w="fit-content">
            {t('file.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
