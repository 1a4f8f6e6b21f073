import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/client';
import { saveAttachment } from './downloads';
import { useJobProgress } from './jobProgress';
import { Verdict } from './Verdict';

/**
 * A started audit job (a verification or an export): its progress bar, live over Server-Sent
 * Events, then its summary and the download of its result.
 */
export function JobPanel({ jobId, title }: { jobId: string; title: string }) {
  const progress = useJobProgress(jobId);
  const [saved, setSaved] = useState<string>();
  const [saveError, setSaveError] = useState<string>();
  if (!progress) return null;
  if (progress.status === 'unreadable')
    return (
      <Alert color="red" title={`${title}: progress could not be read`}>
        {progress.error}
      </Alert>
    );

  const download = async () => {
    setSaveError(undefined);
    try {
      const answer = await api.GET('/audit/jobs/{jobId}/result', { params: { path: { jobId } }, parseAs: 'blob' });
      setSaved(await saveAttachment(answer, `job-${jobId}`));
    } catch (error) {
      setSaveError(String(error));
    }
  };
  const summary = progress.job?.summary as Record<string, unknown> | null | undefined;

  return (
    <Stack gap="xs" aria-live="polite">
      <Progress
        value={progress.status === 'running' ? (progress.percent ?? 0) : 100}
        color={progress.status === 'failed' ? 'red' : undefined}
        animated={progress.status === 'running'}
        aria-label={`${title} progress`}
      />
      {progress.status === 'running' && <Text size="sm">{`${title}: ${progress.percent ?? 0}% of the log read`}</Text>}
      {progress.status === 'failed' && (
        <Alert color="red" title={`${title} failed`}>
          {progress.job?.error ?? 'The job failed; start it again.'}
        </Alert>
      )}
      {progress.status === 'succeeded' && summary && 'ok' in summary && (
        <Verdict ok={summary.ok === true} okTitle="The history is intact">
          {`${String(summary.eventsChecked)} events in ${String(summary.streamsChecked)} streams checked; ${String(summary.issues)} issue(s).`}
        </Verdict>
      )}
      {progress.status === 'succeeded' && (
        <Group>
          <Button variant="default" onClick={() => void download()}>
            Download the result
          </Button>
          {saved && <Text size="sm">Saved {saved}</Text>}
        </Group>
      )}
      {saveError && <Alert color="red">{saveError}</Alert>}
    </Stack>
  );
}
