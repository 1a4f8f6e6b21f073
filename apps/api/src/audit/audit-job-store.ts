import type { SqlDriver, SqlQueryable } from '@pj/event-store';

export type AuditJobKind = 'verification' | 'export';
export type AuditJobStatus = 'running' | 'succeeded' | 'failed';

export interface AuditJob {
  readonly jobId: string;
  readonly organisationId: string;
  readonly requestedBy: string;
  readonly kind: AuditJobKind;
  readonly parameters: Record<string, unknown>;
  readonly status: AuditJobStatus;
  /** 0–100 of the log read; null while unknown. */
  readonly percent: number | null;
  /** What the result says in short (a verification's `ok` and issue count; an export's size). */
  readonly summary: Record<string, unknown> | null;
  readonly error: string | null;
  readonly resultMediaType: string | null;
  readonly resultFileName: string | null;
  readonly resultLength: number | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/*
 * Jobs live in the read-model database, so a job and its result outlive the process that ran it.
 * A running job's process touches `heartbeat_at` (the database's clock, so processes' clocks do not
 * matter); a running job whose heartbeat has stopped belongs to a process that is gone.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS pj_audit_jobs (
     job_id text PRIMARY KEY,
     organisation_id text NOT NULL,
     requested_by text NOT NULL,
     kind text NOT NULL,
     parameters jsonb NOT NULL,
     status text NOT NULL,
     percent integer,
     summary jsonb,
     error text,
     result text,
     result_media_type text,
     result_file_name text,
     runner_id text NOT NULL,
     heartbeat_at timestamptz NOT NULL DEFAULT now(),
     created_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz)`,
  `CREATE INDEX IF NOT EXISTS pj_audit_jobs_running ON pj_audit_jobs (heartbeat_at) WHERE status = 'running'`,
];

interface Row {
  job_id: string;
  organisation_id: string;
  requested_by: string;
  kind: AuditJobKind;
  parameters: Record<string, unknown>;
  status: AuditJobStatus;
  percent: number | null;
  summary: Record<string, unknown> | null;
  error: string | null;
  result_media_type: string | null;
  result_file_name: string | null;
  result_length: number | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const COLUMNS = `job_id, organisation_id, requested_by, kind, parameters, status, percent, summary, error,
  result_media_type, result_file_name, length(result) AS result_length, created_at, finished_at`;

const toJob = (row: Row): AuditJob => ({
  jobId: row.job_id,
  organisationId: row.organisation_id,
  requestedBy: row.requested_by,
  kind: row.kind,
  parameters: row.parameters,
  status: row.status,
  percent: row.percent,
  summary: row.summary,
  error: row.error,
  resultMediaType: row.result_media_type,
  resultFileName: row.result_file_name,
  resultLength: row.result_length === null ? null : Number(row.result_length),
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
});

export interface JobResult {
  readonly summary: Record<string, unknown>;
  readonly body: string;
  readonly mediaType: string;
  readonly fileName: string;
}

/** The audit jobs of every organisation; each read names the organisation it is for. */
export class AuditJobStore {
  private ready?: Promise<void>;

  constructor(private readonly db: SqlDriver) {}

  prepare(): Promise<void> {
    this.ready ??= this.db
      .transaction(async (tx: SqlQueryable) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('pj_audit_jobs'))`);
        for (const statement of SCHEMA) await tx.query(statement);
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  async create(job: {
    jobId: string;
    organisationId: string;
    requestedBy: string;
    kind: AuditJobKind;
    parameters: Record<string, unknown>;
    runnerId: string;
  }): Promise<AuditJob> {
    await this.prepare();
    const [row] = await this.db.query<Row>(
      `INSERT INTO pj_audit_jobs (job_id, organisation_id, requested_by, kind, parameters, status, runner_id)
       VALUES ($1, $2, $3, $4, $5, 'running', $6) RETURNING ${COLUMNS}`,
      [job.jobId, job.organisationId, job.requestedBy, job.kind, JSON.stringify(job.parameters), job.runnerId],
    );
    return toJob(row);
  }

  /** The job, if it is the organisation's. */
  async get(organisationId: string, jobId: string): Promise<AuditJob | undefined> {
    await this.prepare();
    const [row] = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM pj_audit_jobs WHERE job_id = $1 AND organisation_id = $2`,
      [jobId, organisationId],
    );
    return row && toJob(row);
  }

  /** Progress and heartbeat of a job this runner still runs. */
  async progress(jobId: string, runnerId: string, percent: number | null): Promise<void> {
    await this.db.query(
      `UPDATE pj_audit_jobs SET percent = coalesce($3, percent), heartbeat_at = now()
        WHERE job_id = $1 AND runner_id = $2 AND status = 'running'`,
      [jobId, runnerId, percent],
    );
  }

  /** Keeps every running job of this runner alive. */
  async heartbeat(runnerId: string): Promise<void> {
    await this.db.query(`UPDATE pj_audit_jobs SET heartbeat_at = now() WHERE runner_id = $1 AND status = 'running'`, [
      runnerId,
    ]);
  }

  async succeed(jobId: string, runnerId: string, result: JobResult): Promise<void> {
    await this.db.query(
      `UPDATE pj_audit_jobs SET status = 'succeeded', percent = 100, summary = $3, result = $4,
              result_media_type = $5, result_file_name = $6, finished_at = now()
        WHERE job_id = $1 AND runner_id = $2 AND status = 'running'`,
      [jobId, runnerId, JSON.stringify(result.summary), result.body, result.mediaType, result.fileName],
    );
  }

  async fail(jobId: string, runnerId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE pj_audit_jobs SET status = 'failed', error = $3, finished_at = now()
        WHERE job_id = $1 AND runner_id = $2 AND status = 'running'`,
      [jobId, runnerId, error],
    );
  }

  /** Fails every job this runner still runs (its process is stopping). */
  async failRunner(runnerId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE pj_audit_jobs SET status = 'failed', error = $2, finished_at = now()
        WHERE runner_id = $1 AND status = 'running'`,
      [runnerId, error],
    );
  }

  /**
   * Marks failed the running jobs whose process has stopped: their heartbeat is older than
   * `staleAfterMs`. They are not re-run: the auditor asks again, knowing when the answer is from.
   */
  async failAbandoned(staleAfterMs: number): Promise<string[]> {
    await this.prepare();
    const rows = await this.db.query<{ job_id: string }>(
      `UPDATE pj_audit_jobs
          SET status = 'failed', finished_at = now(),
              error = 'the process running this job stopped before it finished; start the job again'
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1::double precision / 1000)
        RETURNING job_id`,
      [staleAfterMs],
    );
    return rows.map((row) => row.job_id);
  }

  /** A part of the result, in characters from `offset`; the download streams it part by part. */
  async resultPart(organisationId: string, jobId: string, offset: number, length: number): Promise<string> {
    const [row] = await this.db.query<{ part: string | null }>(
      `SELECT substr(result, $3, $4) AS part FROM pj_audit_jobs WHERE job_id = $1 AND organisation_id = $2`,
      [jobId, organisationId, offset + 1, length],
    );
    return row?.part ?? '';
  }
}
