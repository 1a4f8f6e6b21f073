import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { followEventStream } from '../live/eventStream';

export type AuditJob = components['schemas']['AuditJobView'];

export interface JobProgress {
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly percent: number | null;
  /** The job as the API answered it at its end (summary, result address). */
  readonly job?: AuditJob;
}

/**
 * Follows an audit job over its Server-Sent Events (GET /audit/jobs/{jobId}/events) until it ends;
 * opened with the typed client (it sends the bearer token). A drop is reported, not resumed.
 */
async function followJob(jobId: string, onProgress: (progress: JobProgress) => void, signal: AbortSignal) {
  await followEventStream({
    open: async () =>
      (
        await api.GET('/audit/jobs/{jobId}/events', {
          params: { path: { jobId } },
          parseAs: 'stream',
          headers: { accept: 'text/event-stream' },
          signal,
        })
      ).response,
    resume: false,
    signal,
    onMessage: (message) => {
      const body = JSON.parse(message.data) as Partial<AuditJob>;
      if (message.event === 'progress') onProgress({ status: 'running', percent: body.percent ?? null });
      if (message.event === 'succeeded' || message.event === 'failed') {
        onProgress({ status: message.event, percent: body.percent ?? null, job: body as AuditJob });
        return 'stop';
      }
    },
  });
}

/** The progress of the job `jobId` (undefined: none started), live while the job runs. */
export function useJobProgress(
  jobId: string | undefined,
): JobProgress | { status: 'unreadable'; error: string } | undefined {
  const [progress, setProgress] = useState<JobProgress | { status: 'unreadable'; error: string }>();
  useEffect(() => {
    if (!jobId) return;
    const abort = new AbortController();
    setProgress({ status: 'running', percent: 0 });
    followJob(jobId, setProgress, abort.signal).catch((error: unknown) => {
      if (!abort.signal.aborted) setProgress({ status: 'unreadable', error: String(error) });
    });
    return () => abort.abort();
  }, [jobId]);
  return progress;
}
