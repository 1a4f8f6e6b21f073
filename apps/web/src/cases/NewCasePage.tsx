import { Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { CommandForm } from '../commands/CommandForm';
import { useCommand } from '../commands/useCommand';
import { usePageTitle } from '../layout/usePageTitle';

type OpenCase = components['schemas']['OpenCaseDto'];

/** Opens a case (POST /cases). The API validates; its field errors appear next to the fields. */
export function NewCasePage() {
  usePageTitle('New case');
  const navigate = useNavigate();
  const form = useForm<OpenCase>({
    mode: 'controlled',
    initialValues: { title: '', productCategory: '', countriesOfProduction: [] },
  });
  const command = useCommand({
    form,
    send: (body, headers) => api.POST('/cases', { body, headers }),
    onAccepted: () => {
      notifications.show({
        color: 'green',
        message: `Case “${form.getValues().title}” opened; risk screening starts.`,
        closeButtonProps: { 'aria-label': 'Hide this message' },
      });
      void navigate('/cases');
    },
  });

  return (
    <Stack maw={640}>
      <Title order={1}>New case</Title>
      <CommandForm command={command} submitLabel="Open the case">
        <TextInput label="Title" required {...form.getInputProps('title')} />
        <TextInput
          label="Product category"
          description="As named on high-risk lists, e.g. electronics"
          required
          {...form.getInputProps('productCategory')}
        />
        <TagsInput
          label="Countries of production"
          description="ISO codes such as CN or MY; press Enter after each"
          required
          {...form.getInputProps('countriesOfProduction')}
          onChange={(values) =>
            form.setFieldValue(
              'countriesOfProduction',
              values.map((v) => v.trim().toUpperCase()),
            )
          }
        />
      </CommandForm>
    </Stack>
  );
}
