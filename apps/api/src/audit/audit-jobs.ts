import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type MessageEvent,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import type { LiveUpdatesConfig } from '@pj/config';
import type { SqlDriver } from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { KnownError, type ErrorKind } from '@pj/domain';
import { NotFoundError } from '../errors/request-errors';
import { LIVE_UPDATES, READ_MODELS } from '../infrastructure/tokens';
import { AuditJobStore, type AuditJob, type AuditJobKind, type JobResult } from './audit-job-store';

/** A job's result asked for before it has one: still running, or failed. */
export class JobWithoutResultError extends KnownError {
  readonly kind: ErrorKind = 'conflict';
  override readonly title = 'The job has no result';
  constructor(message: string) {
    super('audit_job.no_result', message);
  }
}

/** How often a running job's process says it is alive, and after how long without it a job is abandoned. */
export const JOB_HEARTBEAT_MS = 5_000;
export const JOB_STALE_AFTER_MS = 30_000;
/** How often a progress stream looks at the job (it may run in another process). */
const PROGRESS_POLL_MS = 300;
/** Characters per read of a result while it is downloaded. */
const RESULT_PART = 256 * 1024;

/**
 * Long audit work as jobs: started here, run in this process, kept in SQL ({@link AuditJobStore}).
 * A job whose process stops is marked failed by whichever process looks next (at start-up, then
 * every heartbeat), not re-run.
 */
@Injectable()
export class AuditJobs implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuditJobs');
  readonly store: AuditJobStore;
  private readonly runnerId = randomUUID();
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;

  /** A comment line this often keeps a quiet progress stream open through proxies (as live updates do). */
  private readonly heartbeatMs: number;

  constructor(@Inject(READ_MODELS) db: SqlDriver, @Optional() @Inject(LIVE_UPDATES) liveUpdates?: LiveUpdatesConfig) {
    this.store = new AuditJobStore(db);
    this.heartbeatMs = liveUpdates?.heartbeatMs ?? 15_000;
  }

  async onModuleInit(): Promise<void> {
    await this.store.failAbandoned(JOB_STALE_AFTER_MS);
    this.timer = setInterval(() => {
      void this.store
        .heartbeat(this.runnerId)
        .then(() => this.store.failAbandoned(JOB_STALE_AFTER_MS))
        .catch((error: unknown) => this.logger.warn(`job heartbeat failed: ${String(error)}`));
    }, JOB_HEARTBEAT_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    // What this process leaves unfinished is failed now, not after the heartbeat goes stale (the
    // work itself is not waited for: it may read the whole log; its late answer is ignored).
    if (this.running.size > 0)
      await this.store
        .failRunner(this.runnerId, 'the server stopped before the job finished; start the job again')
        .catch(() => undefined);
  }

  /** Creates the job and starts it; the work reports a percentage as it goes. */
  async start(
    caller: Caller,
    kind: AuditJobKind,
    parameters: Record<string, unknown>,
    work: (onPercent: (percent: number | null) => void) => Promise<JobResult>,
  ): Promise<AuditJob> {
    const job = await this.store.create({
      jobId: randomUUID(),
      organisationId: caller.organisationId,
      requestedBy: caller.id,
      kind,
      parameters,
      runnerId: this.runnerId,
    });
    let reported: number | null = null;
    const onPercent = (percent: number | null) => {
      if (percent === null || percent === reported) return;
      reported = percent;
      void this.store.progress(job.jobId, this.runnerId, percent).catch(() => undefined);
    };
    const run = Promise.resolve()
      .then(() => work(onPercent))
      .then((result) => this.store.succeed(job.jobId, this.runnerId, result))
      .catch(async (error: unknown) => {
        this.logger.error(`audit job ${job.jobId} failed: ${error instanceof Error ? error.stack : String(error)}`);
        await this.store
          .fail(job.jobId, this.runnerId, error instanceof Error ? error.message : String(error))
          .catch(() => undefined);
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  async get(caller: Caller, jobId: string): Promise<AuditJob> {
    const job = await this.store.get(caller.organisationId, jobId);
    if (!job) throw new NotFoundError('job', jobId);
    return job;
  }

  /** Server-Sent Events: `progress` on each change, then `succeeded` or `failed` with the job, then the end. */
  async progressEvents(caller: Caller, jobId: string): Promise<Observable<MessageEvent>> {
    await this.get(caller, jobId);
    return new Observable<MessageEvent>((subscriber) => {
      let last = '';
      let stopped = false;
      const look = async () => {
        if (stopped) return;
        try {
          const job = await this.get(caller, jobId);
          const seen = `${job.status}/${job.percent}`;
          if (seen !== last) {
            last = seen;
            subscriber.next({
              type: job.status === 'running' ? 'progress' : job.status,
              data: job.status === 'running' ? { status: job.status, percent: job.percent } : job,
            });
          }
          if (job.status !== 'running') return subscriber.complete();
          setTimeout(() => void look(), PROGRESS_POLL_MS);
        } catch (error) {
          subscriber.error(error);
        }
      };
      void look();
      const heartbeat = setInterval(() => subscriber.next({ comment: 'heartbeat' }), this.heartbeatMs);
      return () => {
        stopped = true;
        clearInterval(heartbeat);
      };
    });
  }

  /** The result of a finished job, read part by part as it is sent. */
  async result(caller: Caller, jobId: string): Promise<{ job: AuditJob; body: Readable }> {
    const job = await this.get(caller, jobId);
    if (job.status !== 'succeeded')
      throw new JobWithoutResultError(
        job.status === 'running' ? `job ${jobId} is still running` : `job ${jobId} failed: ${job.error}`,
      );
    const store = this.store;
    const length = job.resultLength ?? 0;
    async function* parts() {
      for (let offset = 0; offset < length; offset += RESULT_PART)
        yield Buffer.from(await store.resultPart(caller.organisationId, jobId, offset, RESULT_PART), 'utf8');
    }
    return { job, body: Readable.from(parts()) };
  }
}
