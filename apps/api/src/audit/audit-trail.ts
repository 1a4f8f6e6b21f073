import { Inject, Injectable } from '@nestjs/common';
import { parseStreamName } from '@pj/application';
import {
  causationChain,
  diffBetween,
  EventIndex,
  ocdsDefaults,
  ocdsRecordPackage,
  ocdsReleasePackage,
  stateAt,
  toJsonLines,
  verifyOrganisation,
  verifyStream,
  type AuditKeys,
  type CausationStep,
  type OcdsOptions,
  type PointInTime,
  type StateAtPoint,
  type StateDifference,
  type Verification,
} from '@pj/audit';
import { procurementCaseStreamId } from '@pj/domain';
import { readLogToNow, SqlEventStore, type EventStore, type RecordedEvent } from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { NotFoundError } from '../errors/request-errors';
import { EVENT_STORE } from '../infrastructure/tokens';
import { AUDIT_KEYS } from './audit-keys';

export const EXPORT_FORMATS = ['jsonl', 'ocds-release-package', 'ocds-record-package'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file to download. */
export interface Download {
  readonly body: string;
  readonly mediaType: string;
  readonly fileName: string;
}

const MEDIA_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson',
  'ocds-release-package': 'application/json',
  'ocds-record-package': 'application/json',
};
const EXTENSIONS: Record<ExportFormat, string> = {
  jsonl: 'jsonl',
  'ocds-release-package': 'releases.json',
  'ocds-record-package': 'record.json',
};

/** Reports progress as the percentage of the log read (never counts: those would tell other buyers' volume). */
export type OnPercent = (percent: number | null) => void;

const json = (value: unknown) =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));

/**
 * The libs/audit toolkit (the CLI's replay, verify and export), scoped to the caller's organisation:
 * only streams whose name carries the organisation are read. Another buyer's case is not in the
 * caller's namespace at all, so it answers as a missing one.
 */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_KEYS) private readonly keys: () => AuditKeys,
  ) {}

  private caseStream(caller: Caller, caseId: string): string {
    return procurementCaseStreamId(caller.organisationId, caseId);
  }

  /** The case's whole history; 404 when the organisation has no such case. */
  private async caseHistory(caller: Caller, caseId: string): Promise<readonly RecordedEvent[]> {
    const history = await this.store.readStream(this.caseStream(caller, caseId));
    if (history.length === 0) throw new NotFoundError('case', caseId);
    return history;
  }

  /** 404 unless the organisation has the case (its first event is enough to know). */
  async requireCase(caller: Caller, caseId: string): Promise<void> {
    const [first] = await this.store.readStream(this.caseStream(caller, caseId), { maxCount: 1 });
    if (!first) throw new NotFoundError('case', caseId);
  }

  async stateAt(caller: Caller, caseId: string, point: PointInTime): Promise<StateAtPoint> {
    await this.requireCase(caller, caseId);
    return stateAt(this.store, this.caseStream(caller, caseId), point);
  }

  async diff(caller: Caller, caseId: string, from: PointInTime, to: PointInTime): Promise<StateDifference> {
    await this.requireCase(caller, caseId);
    return diffBetween(this.store, this.caseStream(caller, caseId), from, to);
  }

  /** From an event of the organisation back to the request that started it, through its own streams only. */
  async causation(caller: Caller, eventId: string): Promise<CausationStep[]> {
    const index = new EventIndex();
    const owned = this.ownership(caller.organisationId);
    for await (const page of readLogToNow(this.store))
      for (const event of page.events)
        if (owned(event.streamId) && event.metadata.organisationId === caller.organisationId) index.add(event);
    const start = index.get(eventId);
    if (!start) throw new NotFoundError('event', eventId);
    return causationChain(index, start);
  }

  /** One case's chain, and its place in the organisation's newest signed head. */
  async verifyCase(caller: Caller, caseId: string): Promise<Verification> {
    const streamId = this.caseStream(caller, caseId);
    const result = await verifyStream(this.store, streamId, { keys: this.keys() });
    // A case deleted whole still answers when a signed head remembers it: that is the finding.
    if (result.eventsChecked === 0 && result.issues.length === 0) throw new NotFoundError('case', caseId);
    return result;
  }

  async verifyOrganisation(caller: Caller, onPercent: OnPercent): Promise<Verification> {
    const total = await this.logSize();
    return verifyOrganisation(this.store, caller.organisationId, {
      keys: this.keys(),
      onProgress: (read) => onPercent(percentOf(read, total)),
    });
  }

  async exportCase(caller: Caller, caseId: string, format: ExportFormat, options: OcdsOptions): Promise<Download> {
    const events = await this.caseHistory(caller, caseId);
    return {
      body: this.render(format, [events], options),
      mediaType: MEDIA_TYPES[format],
      fileName: `case-${caseId}.${EXTENSIONS[format]}`,
    };
  }

  /** Every stream the organisation owns (JSON Lines, in log order), or its cases (OCDS, one record per case). */
  async exportOrganisation(
    caller: Caller,
    format: ExportFormat,
    options: OcdsOptions,
    onPercent: OnPercent,
  ): Promise<Download> {
    const total = await this.logSize();
    const owned = this.ownership(caller.organisationId);
    const events: RecordedEvent[] = [];
    const cases = new Map<string, RecordedEvent[]>();
    let read = 0;
    for await (const page of readLogToNow(this.store)) {
      for (const event of page.events) {
        if (!owned(event.streamId)) continue;
        if (format === 'jsonl') events.push(event);
        else if (parseStreamName(event.streamId)?.aggregate === 'procurementCase')
          cases.set(event.streamId, [...(cases.get(event.streamId) ?? []), event]);
      }
      read += page.events.length;
      onPercent(percentOf(read, total));
    }
    for (const history of cases.values()) history.sort((a, b) => a.revision - b.revision);
    const organisation = caller.organisationId.replace(/[^A-Za-z0-9._-]/g, '_');
    return {
      body: format === 'jsonl' ? toJsonLines(events) : this.render(format, [...cases.values()], options, organisation),
      mediaType: MEDIA_TYPES[format],
      fileName: `organisation-${organisation}.${EXTENSIONS[format]}`,
    };
  }

  /** One package for one or more cases: their releases (or records) side by side. */
  private render(
    format: ExportFormat,
    cases: readonly (readonly RecordedEvent[])[],
    options: OcdsOptions,
    organisation?: string,
  ): string {
    if (format === 'jsonl') return toJsonLines(cases.flat());
    const build = format === 'ocds-release-package' ? ocdsReleasePackage : ocdsRecordPackage;
    const key = format === 'ocds-release-package' ? 'releases' : 'records';
    const packages = cases.map((history) => build(history, options));
    const [first] = packages.length > 0 ? packages : [build([], options)];
    if (organisation === undefined) return `${json(first)}\n`;
    const base = (options.baseUri ?? ocdsDefaults.baseUri).replace(/\/$/, '');
    const dates = packages.map((p) => String(p.publishedDate)).sort();
    return `${json({
      ...first,
      uri: `${base}/${organisation}/${format === 'ocds-release-package' ? 'releases' : 'record'}.json`,
      publishedDate: options.publishedDate ?? dates.at(-1) ?? first.publishedDate,
      [key]: packages.flatMap((p) => p[key] as unknown[]),
    })}\n`;
  }

  /** Whether a stream is the organisation's: its name carries it (the shared factory registry is no one's). */
  private ownership(organisationId: string): (streamId: string) => boolean {
    const known = new Map<string, boolean>();
    return (streamId) => {
      let owned = known.get(streamId);
      if (owned === undefined)
        known.set(streamId, (owned = parseStreamName(streamId)?.organisationId === organisationId));
      return owned;
    };
  }

  /** Events in the log, where the adapter counts them cheaply (SQL); for progress only. */
  private async logSize(): Promise<number | undefined> {
    if (!(this.store instanceof SqlEventStore)) return undefined;
    const [row] = await this.store.driver.query<{ count: string }>('SELECT count(*)::text AS count FROM pj_events');
    return Number(row.count);
  }
}

const percentOf = (read: number, total: number | undefined) =>
  total ? Math.min(99, Math.floor((read / total) * 100)) : null;
