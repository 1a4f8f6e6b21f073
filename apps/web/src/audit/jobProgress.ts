import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { components } from '../api/schema';

export type AuditJob = components['schemas']['AuditJobView'];

export interface JobProgress {
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly percent: number | null;
  /** The job as the API answered it at its end (summary, result address). */
  readonly job?: AuditJob;
}

/** One `event:`/`data:` block of a Server-Sent Events stream. */
function parseBlock(block: string): { event: string; data: string } | undefined {
  const lines = block.split('\n');
  const field = (name: string) =>
    lines
      .filter((line) => line.startsWith(`${name}:`))
      .map((line) => line.slice(name.length + 1).trimStart())
      .join('\n');
  const data = field('data');
  return data ? { event: field('event') || 'message', data } : undefined;
}

/**
 * Follows an audit job over its Server-Sent Events (GET /audit/jobs/{jobId}/events) until it ends.
 * EventSource cannot send the bearer token, so the stream is read with the typed client.
 */
async function followJob(jobId: string, onProgress: (progress: JobProgress) => void, signal: AbortSignal) {
  const { data, response } = await api.GET('/audit/jobs/{jobId}/events', {
    params: { path: { jobId } },
    parseAs: 'stream',
    headers: { accept: 'text/event-stream' },
    signal,
  });
  if (!response.ok || !data) throw new Error(`the job's progress could not be read (${response.status})`);
  const reader = (data as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (!message) continue;
      const body = JSON.parse(message.data) as Partial<AuditJob>;
      if (message.event === 'progress') onProgress({ status: 'running', percent: body.percent ?? null });
      if (message.event === 'succeeded' || message.event === 'failed') {
        onProgress({ status: message.event, percent: body.percent ?? null, job: body as AuditJob });
        await reader.cancel();
        return;
      }
    }
  }
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
