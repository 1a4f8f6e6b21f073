import { PgliteDriver } from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { AuditJobStore } from './audit-job-store';
import { AuditJobs, JOB_STALE_AFTER_MS } from './audit-jobs';

const auditor: Caller = { id: 'auditor-1', role: 'auditor', organisationId: 'stockholm-county-council' };
const otherBuyer: Caller = { ...auditor, organisationId: 'city-of-madison' };

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

// Jobs and their results are rows in the read-model database: a new process (a new AuditJobs on the
// same database) finds them; a job whose process stopped is failed, not left running forever.
describe('audit jobs in SQL', () => {
  let db: PgliteDriver;
  beforeAll(async () => {
    db = await PgliteDriver.open();
  });
  afterAll(() => db.close());

  it('keeps a finished job and its result for the next process, for its own organisation only', async () => {
    const first = new AuditJobs(db);
    await first.onModuleInit();
    const result = 'x'.repeat(300 * 1024) + '\n{"last":"line"}\n';
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const started = await first.start(auditor, 'export', { scope: 'organisation' }, async (onPercent) => {
      onPercent(50);
      await new Promise((resolve) => setTimeout(resolve, 50));
      finish();
      return {
        summary: { characters: result.length },
        body: result,
        mediaType: 'application/x-ndjson',
        fileName: 'o.jsonl',
      };
    });
    expect(started.status).toBe('running');
    await finished;
    for (let tries = 0; (await first.get(auditor, started.jobId)).status === 'running' && tries < 100; tries++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await first.onModuleDestroy();

    const second = new AuditJobs(db);
    await second.onModuleInit();
    const job = await second.get(auditor, started.jobId);
    expect(job).toMatchObject({ status: 'succeeded', percent: 100, resultMediaType: 'application/x-ndjson' });
    // Read back in parts (more than one: 256 Ki characters each), whole.
    expect(await text((await second.result(auditor, started.jobId)).body)).toBe(result);
    await expect(second.get(otherBuyer, started.jobId)).rejects.toThrow(/not found/);
    await second.onModuleDestroy();
  });

  it('fails a job whose process stopped (its heartbeat is stale), and leaves a live one running', async () => {
    const store = new AuditJobStore(db);
    const create = (jobId: string, runnerId: string) =>
      store.create({
        jobId,
        organisationId: auditor.organisationId,
        requestedBy: auditor.id,
        kind: 'verification',
        parameters: {},
        runnerId,
      });
    await create('job-of-a-dead-process', 'runner-gone');
    await create('job-of-a-live-process', 'runner-alive');
    // The process that ran the first one stopped a minute ago: its last heartbeat is that old.
    expect(JOB_STALE_AFTER_MS).toBeLessThan(60_000);
    await db.query(`UPDATE pj_audit_jobs SET heartbeat_at = now() - interval '60 seconds' WHERE job_id = $1`, [
      'job-of-a-dead-process',
    ]);

    const restarted = new AuditJobs(db);
    await restarted.onModuleInit();
    const dead = await restarted.get(auditor, 'job-of-a-dead-process');
    expect(dead.status).toBe('failed');
    expect(dead.error).toMatch(/stopped before it finished/);
    expect((await restarted.get(auditor, 'job-of-a-live-process')).status).toBe('running');
    await expect(restarted.result(auditor, 'job-of-a-dead-process')).rejects.toThrow(/failed/);
    await restarted.onModuleDestroy();
  });

  it('fails the jobs a stopping process leaves unfinished', async () => {
    const jobs = new AuditJobs(db);
    await jobs.onModuleInit();
    const never = await jobs.start(auditor, 'verification', {}, () => new Promise(() => undefined));
    await jobs.onModuleDestroy();
    const after = await new AuditJobStore(db).get(auditor.organisationId, never.jobId);
    expect(after).toMatchObject({ status: 'failed', error: expect.stringMatching(/server stopped/) });
  });
});
