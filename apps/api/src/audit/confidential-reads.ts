import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnModuleInit,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { concatMap, from, map, type Observable } from 'rxjs';
import type { SqlDriver, SqlQueryable } from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { READ_MODELS } from '../infrastructure/tokens';
import type { ListQueryParams, Page } from '../read-models/lists/list-params';
import { defineList, instant, text, whole } from '../read-models/lists/list-spec';
import { runList } from '../read-models/lists/run-list';

/**
 * What counts as confidential: workers' identities and testimony (grievances), evidence about a
 * factory's workers (a finding's escalation, its evidence and remedy), and whole histories of a
 * case (replays, diffs, causation chains, verification reports and exports carry all of the above),
 * and documents a contractor disclosed under a non-disclosure agreement.
 */
export const CONFIDENTIAL_KINDS = [
  'grievance',
  'finding-evidence',
  'case-history',
  'audit-export',
  'nda-documents',
] as const;
export type ConfidentialKind = (typeof CONFIDENTIAL_KINDS)[number];

const RECORDS_READ = Symbol('records-read');

/**
 * Marks a GET whose answer is confidential: each successful read is recorded (who, what, when)
 * before the answer leaves. Put it on the handler next to `@AllowRoles`; nothing else to wire.
 */
export const RecordsRead = (kind: ConfidentialKind) =>
  applyDecorators(SetMetadata(RECORDS_READ, kind), ApiExtension('x-records-read', kind));

/*
 * Where reads are recorded: an append-only table in the read-model database, not the event store.
 * A read is not a decision of the domain: as events, every GET would become an append to the
 * hash-chained log, wake every subscriber and projection, and contend on one stream per
 * organisation. The table refuses UPDATE and DELETE (a trigger), so the API cannot rewrite it; it
 * is not hash-chained, so someone with database access could — that is what the event store is for.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS pj_confidential_reads (
     read_id bigserial PRIMARY KEY,
     read_at timestamptz NOT NULL DEFAULT now(),
     organisation_id text NOT NULL,
     reader_id text NOT NULL,
     reader_role text NOT NULL,
     kind text NOT NULL,
     resource text NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS pj_confidential_reads_by_organisation
     ON pj_confidential_reads (organisation_id, read_at DESC, read_id DESC)`,
  `CREATE OR REPLACE FUNCTION pj_confidential_reads_append_only() RETURNS trigger AS $$
   BEGIN RAISE EXCEPTION 'pj_confidential_reads is append-only'; END $$ LANGUAGE plpgsql`,
  `DROP TRIGGER IF EXISTS pj_confidential_reads_append_only ON pj_confidential_reads`,
  `CREATE TRIGGER pj_confidential_reads_append_only BEFORE UPDATE OR DELETE ON pj_confidential_reads
     FOR EACH ROW EXECUTE FUNCTION pj_confidential_reads_append_only()`,
];

export interface ConfidentialRead {
  readonly readAt: string;
  readonly readerId: string;
  readonly readerRole: string;
  readonly kind: string;
  /** The path and query read, e.g. `/api/grievances/grievance-2026-014/intake`. */
  readonly resource: string;
}

/** The record of confidential reads. */
@Injectable()
export class ConfidentialReadLog implements OnModuleInit {
  private ready?: Promise<void>;

  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  onModuleInit(): Promise<void> {
    return this.prepare();
  }

  /** Creates the table once per process (idempotent, and serialised across processes). */
  prepare(): Promise<void> {
    this.ready ??= this.db
      .transaction(async (tx: SqlQueryable) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('pj_confidential_reads'))`);
        for (const statement of SCHEMA) await tx.query(statement);
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  async record(caller: Caller, kind: ConfidentialKind, resource: string): Promise<void> {
    await this.prepare();
    await this.db.query(
      `INSERT INTO pj_confidential_reads (organisation_id, reader_id, reader_role, kind, resource)
       VALUES ($1, $2, $3, $4, $5)`,
      [caller.organisationId, caller.id, caller.role, kind, resource],
    );
  }

  /** A page of the organisation's record, newest first. */
  async list(caller: Caller, params: ListConfidentialReadsQuery): Promise<Page<ConfidentialRead>> {
    await this.prepare();
    return runList(this.db, confidentialReadList, params, caller);
  }
}

type ListConfidentialReadsQuery = ListQueryParams & { readonly kind?: string; readonly readerId?: string };

/** The record as a list: the caller's organisation's reads, newest first, by kind and reader. */
export const confidentialReadList = defineList<ConfidentialRead, { kind?: string; readerId?: string }>({
  name: 'confidential-reads',
  from: 'pj_confidential_reads',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    readAt: instant('read_at'),
    readerId: text('reader_id'),
    readerRole: text('reader_role'),
    kind: text('kind'),
    resource: text('resource'),
  },
  id: whole('read_id', 'bigint'),
  sorts: ['readAt'],
  defaultSort: '-readAt',
  where: ({ kind, readerId }, bind) => [kind && `kind = ${bind(kind)}`, readerId && `reader_id = ${bind(readerId)}`],
});

/**
 * Records the reads of handlers marked {@link RecordsRead}, once the handler has its answer and
 * before it is sent: a read that fails (404, 403) is not recorded, and an answer is never sent
 * unrecorded (a failed insert fails the request). A download's body streams after the record.
 */
@Injectable()
export class ConfidentialReadsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: ConfidentialReadLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<ConfidentialKind | undefined>(RECORDS_READ, context.getHandler());
    if (!kind || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ caller?: Caller; originalUrl?: string; url: string }>();
    const caller = request.caller;
    const resource = request.originalUrl ?? request.url;
    let recorded = false;
    return next.handle().pipe(
      // Server-sent events give many values: the first one is the read.
      concatMap((value) => {
        if (recorded || !caller) return from([value]);
        recorded = true;
        return from(this.log.record(caller, kind, resource)).pipe(map(() => value));
      }),
    );
  }
}
