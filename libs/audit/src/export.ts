import type { EventStore, RecordedEvent } from '@pj/event-store';

/*
 * Export of a case: its full history as JSON Lines, and an OCDS 1.1 release package (one release per
 * step of the contracting process that OCDS knows) with a compiled record.
 */

/** One line per event, in revision order, with everything stored: position, metadata with the hash chain. */
export function toJsonLines(events: readonly RecordedEvent[]): string {
  return events
    .map((event) =>
      JSON.stringify({
        streamId: event.streamId,
        revision: event.revision,
        position: { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() },
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

export interface OcdsOptions {
  /** The publisher's registered OCID prefix (https://standard.open-contracting.org/1.1/en/schema/identifiers/). */
  readonly ocidPrefix?: string;
  readonly publisherName?: string;
  /** Where the package is published; release and package URIs are derived from it. */
  readonly baseUri?: string;
  /** Instant of publication; defaults to the last event's `recordedAt`, so an export is reproducible. */
  readonly publishedDate?: string;
}

type Json = Record<string, unknown>;

export interface OcdsRelease extends Json {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Maps a procurement case's events to OCDS releases. Events OCDS has no place for (due diligence,
 * monitoring details) are left out: they are in the JSON Lines export.
 */
export function ocdsReleases(caseEvents: readonly RecordedEvent[], options: OcdsOptions = {}): OcdsRelease[] {
  const prefix = options.ocidPrefix ?? 'ocds-pj0000';
  const first = caseEvents[0];
  if (!first) return [];
  const caseId = str((first.data as Json).caseId) ?? first.streamId;
  const ocid = `${prefix}-${caseId}`;
  const buyerId = first.metadata.organisationId;
  const buyer = { id: buyerId, name: buyerId };
  const releases: OcdsRelease[] = [];
  let tenderId = caseId;
  let currency: string | undefined;
  const tenderers = new Map<string, { id: string; name: string }>();
  const bids = new Map<string, { supplierId: string; price: number }>();
  const awards = new Map<string, { bidId: string; supplierId: string }>();
  let currentAwardId: string | undefined;
  let contractId: string | undefined;

  const release = (event: RecordedEvent, tag: string, body: Json, parties: Json[] = []) => {
    releases.push({
      ocid,
      id: `${caseId}-${String(event.revision).padStart(4, '0')}-${tag}`,
      date: event.metadata.recordedAt,
      tag: [tag],
      initiationType: 'tender',
      buyer,
      parties: [{ ...buyer, roles: ['buyer', 'procuringEntity'] }, ...parties],
      ...body,
    });
  };
  const supplierParty = (supplierId: string, roles: string[]) => ({ id: supplierId, name: supplierId, roles });
  const value = (amount: number | undefined) =>
    amount === undefined ? undefined : currency ? { amount, currency } : { amount };
  const contract = (extra: Json) => ({ id: contractId, awardID: currentAwardId, ...extra });

  for (const event of caseEvents) {
    const data = event.data as Json;
    const at = event.metadata.recordedAt;
    switch (event.type) {
      case 'CaseOpened':
        release(event, 'planning', {
          planning: { rationale: str(data.title) },
          tender: {
            id: tenderId,
            title: str(data.title),
            status: 'planning',
            mainProcurementCategory: 'goods',
            items: [{ id: '1', description: str(data.productCategory) }],
          },
        });
        break;
      case 'RiskScreened':
      case 'PolicyAdopted':
        release(event, 'planningUpdate', {
          planning: {
            milestones: [
              {
                id: event.type === 'RiskScreened' ? 'risk-screening' : 'policy-adopted',
                title:
                  event.type === 'RiskScreened'
                    ? `Risk screening: ${str(data.riskLevel)}`
                    : `Policy ${str(data.policyRef)}`,
                type: event.type === 'RiskScreened' ? 'assessment' : 'approval',
                status: 'met',
                dateMet: at,
              },
            ],
          },
        });
        break;
      case 'TenderRequirementsPublished': {
        tenderId = str(data.tenderRef) ?? tenderId;
        currency = str(data.currency);
        const criteria =
          (data.awardCriteria as { description: string; weight: number; kind: string }[] | undefined) ?? [];
        release(event, 'tender', {
          tender: {
            id: tenderId,
            status: 'active',
            procurementMethod: 'open',
            awardCriteria: 'ratedCriteria',
            awardCriteriaDetails: criteria.map((c) => `${c.description} (${c.kind}): ${c.weight}%`).join('; '),
            tenderPeriod: { startDate: at, endDate: str(data.bidDeadline) },
            submissionMethod: ['electronicSubmission'],
          },
        });
        break;
      }
      case 'BidSubmitted': {
        const supplierId = str(data.supplierId)!;
        tenderers.set(supplierId, { id: supplierId, name: supplierId });
        bids.set(str(data.bidId)!, { supplierId, price: data.price as number });
        release(
          event,
          'tenderUpdate',
          { tender: { id: tenderId, tenderers: [...tenderers.values()], numberOfTenderers: tenderers.size } },
          [...tenderers.values()].map((t) => supplierParty(t.id, ['tenderer'])),
        );
        break;
      }
      case 'AwardDecided': {
        const awardId = str(data.awardId)!;
        const supplierId = str(data.supplierId)!;
        awards.set(awardId, { bidId: str(data.bidId)!, supplierId });
        currentAwardId = awardId;
        release(
          event,
          'award',
          {
            tender: { id: tenderId, status: 'complete' },
            awards: [
              {
                id: awardId,
                status: 'pending',
                date: at,
                description: str(data.reasons),
                value: value(bids.get(str(data.bidId)!)?.price),
                suppliers: [{ id: supplierId, name: supplierId }],
              },
            ],
          },
          [supplierParty(supplierId, ['tenderer', 'supplier'])],
        );
        break;
      }
      case 'LegalStandstillEnded':
        release(event, 'awardUpdate', { awards: [{ id: str(data.awardId), status: 'active' }] });
        break;
      case 'AwardCancelled':
        if (currentAwardId === str(data.awardId)) currentAwardId = undefined;
        release(event, 'awardCancellation', {
          awards: [{ id: str(data.awardId), status: 'cancelled', description: str(data.reasons) }],
        });
        break;
      case 'ContractSigned': {
        contractId = str(data.contractId);
        const supplierId = str(data.supplierId)!;
        release(
          event,
          'contract',
          {
            contracts: [
              contract({
                status: 'active',
                dateSigned: at,
                period: { startDate: at },
                value: value(bids.get(str(data.bidId)!)?.price),
              }),
            ],
          },
          [supplierParty(supplierId, ['tenderer', 'supplier'])],
        );
        break;
      }
      case 'ContractYearBegan':
      case 'SupplyChainDisclosed':
      case 'CompliancePlanSubmitted':
      case 'QuestionnaireAnswered':
      case 'DeskReviewCompleted':
      case 'KpiProgressRecorded':
      case 'DisclosureRatchetChecked':
      case 'PerformanceClauseBreached':
      case 'BreachEscalated':
        if (!contractId) break;
        release(event, 'implementation', {
          contracts: [
            contract({
              implementation: {
                milestones: [
                  {
                    id: `${event.type}-${event.revision}`,
                    title: event.type.replace(/([a-z])([A-Z])/g, '$1 $2'),
                    type: 'reporting',
                    status: 'met',
                    dateMet: at,
                  },
                ],
              },
            }),
          ],
        });
        break;
      case 'SanctionImposed':
        if (!contractId) break;
        // A sanction changes what the buyer pays under the contract: published as an amendment.
        release(event, 'contractAmendment', {
          contracts: [
            contract({
              amendments: [
                {
                  id: str(data.sanctionId),
                  date: at,
                  rationale: str(data.reasons),
                  description: `${str(data.sanction)}${data.amount === undefined ? '' : ` of ${String(data.amount)}${currency ? ` ${currency}` : ''}`} for breach of clause ${str(data.clauseId)}`,
                },
              ],
            }),
          ],
        });
        break;
      case 'ContractTerminated':
        release(event, 'contractTermination', {
          contracts: [
            contract({
              status: 'terminated',
              period: { endDate: at },
              description: `Terminated: ${str(data.reasons)}`,
            }),
          ],
        });
        break;
      case 'ContractClosed':
        release(event, 'contractUpdate', {
          contracts: [contract({ status: 'terminated', period: { endDate: at }, description: str(data.reasons) })],
        });
        break;
      default:
        break;
    }
  }
  return releases.map((r) => dropUndefined(r) as OcdsRelease);
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, dropUndefined(item)]),
    );
  return value;
}

/**
 * OCDS merging (simplified to what these releases use): objects merge field by field, arrays of
 * objects with `id` merge item by item on `id`, any other value is replaced by the later one.
 */
function merge(target: unknown, update: unknown): unknown {
  if (Array.isArray(update)) {
    if (!update.every((item) => typeof item === 'object' && item !== null && 'id' in item)) return update;
    const merged = Array.isArray(target) ? [...(target as Json[])] : [];
    for (const item of update as Json[]) {
      const index = merged.findIndex((existing) => existing.id === item.id);
      if (index >= 0) merged[index] = merge(merged[index], item) as Json;
      else merged.push(item);
    }
    return merged;
  }
  if (typeof update === 'object' && update !== null) {
    const base = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Json) } : {};
    for (const [key, item] of Object.entries(update)) base[key] = merge(base[key], item);
    return base;
  }
  return update;
}

export function compileRecord(releases: readonly OcdsRelease[]): Json {
  let compiled: Json = {};
  for (const release of releases) {
    const { tag: _tag, id: _id, ...rest } = release;
    compiled = merge(compiled, rest) as Json;
  }
  const last = releases[releases.length - 1];
  return { ...compiled, id: `${last.ocid}-compiled`, date: last.date, tag: ['compiled'] };
}

function packageMeta(releases: readonly OcdsRelease[], options: OcdsOptions, kind: 'releases' | 'record') {
  const base = options.baseUri ?? 'https://procurement-journey.example/ocds';
  return {
    uri: `${base}/${releases[0]?.ocid ?? 'empty'}/${kind}.json`,
    version: '1.1',
    publishedDate: options.publishedDate ?? releases[releases.length - 1]?.date ?? new Date(0).toISOString(),
    publisher: { name: options.publisherName ?? 'Procurement Journey' },
  };
}

export function ocdsReleasePackage(caseEvents: readonly RecordedEvent[], options: OcdsOptions = {}): Json {
  const releases = ocdsReleases(caseEvents, options);
  return { ...packageMeta(releases, options, 'releases'), releases };
}

export function ocdsRecordPackage(caseEvents: readonly RecordedEvent[], options: OcdsOptions = {}): Json {
  const releases = ocdsReleases(caseEvents, options);
  if (releases.length === 0) return { ...packageMeta(releases, options, 'record'), records: [] };
  return {
    ...packageMeta(releases, options, 'record'),
    records: [{ ocid: releases[0].ocid, releases, compiledRelease: compileRecord(releases) }],
  };
}

/** Both packages of one case, read from the store. */
export async function exportCase(
  store: EventStore,
  streamId: string,
  options: OcdsOptions = {},
): Promise<{ events: readonly RecordedEvent[]; jsonLines: string; releasePackage: Json; recordPackage: Json }> {
  const events = await store.readStream(streamId);
  return {
    events,
    jsonLines: toJsonLines(events),
    releasePackage: ocdsReleasePackage(events, options),
    recordPackage: ocdsRecordPackage(events, options),
  };
}
