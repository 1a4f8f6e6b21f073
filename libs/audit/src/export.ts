import { readEvent } from '@pj/application';
import type { EventStore, RecordedEvent } from '@pj/event-store';
import { ocdsExtensionUrls } from './ocds-extensions';

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

export interface OcdsPublisher {
  readonly name: string;
  /** The organisation identifier scheme of `uid` (org-id.guide), e.g. `SE-BLV`. */
  readonly scheme?: string;
  readonly uid?: string;
  readonly uri?: string;
}

export interface OcdsOptions {
  /** The publisher's registered OCID prefix (https://standard.open-contracting.org/1.1/en/schema/identifiers/). */
  readonly ocidPrefix?: string;
  readonly publisher?: OcdsPublisher;
  /** Where the packages are published; package URIs are derived from it. */
  readonly baseUri?: string;
  /** The licence the data is published under (a URL). */
  readonly license?: string;
  /** The publisher's publication policy (a URL). */
  readonly publicationPolicy?: string;
  /** Where the declared extensions are read from (default: their published URLs at the pinned commits). */
  readonly extensionsBaseUri?: string;
  /** Add the versioned release (every field's history) to the record. */
  readonly versionedRelease?: boolean;
  /** Instant of publication; defaults to the last event's `recordedAt`, so an export is reproducible. */
  readonly publishedDate?: string;
}

export const OCID_PREFIX_PATTERN = /^ocds-[a-z0-9]{6}$/;

export const ocdsDefaults = {
  /** Not registered: a publisher sets its own (https://standard.open-contracting.org/1.1/en/guidance/publish/). */
  ocidPrefix: 'ocds-pj0000',
  baseUri: 'https://procurement-journey.example/ocds',
  publisherName: 'Procurement Journey',
  /** Public Domain Dedication and License, one of the open licences OCDS recommends. */
  license: 'https://opendatacommons.org/licenses/pddl/1-0/',
} as const;

type Json = Record<string, unknown>;

export interface OcdsRelease extends Json {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const words = (code: string) => code.replace(/_/g, ' ');
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The one lot of a case: the award criteria breakdown lives on a lot (awardCriteria extension). */
const LOT = '1';

interface Clause {
  readonly clauseId: string;
  readonly kind: 'necessary_step' | 'kpi';
  readonly description: string;
}

/**
 * A KPI is worked towards: met at its target, partially met with progress short of it, not met
 * with none (the Electronics Watch model: a KPI is not breached, it is measured).
 */
export function kpiMilestoneStatus(value: number, target: number): 'met' | 'partiallyMet' | 'notMet' {
  if (value >= target) return 'met';
  return value > 0 ? 'partiallyMet' : 'notMet';
}

interface ExclusionGroundData {
  kind: 'mandatory' | 'discretionary';
  offence?: string;
  ground?: string;
  facts?: string;
}
const groundName = (ground: ExclusionGroundData) =>
  ground.kind === 'mandatory'
    ? `final conviction for ${words(ground.offence ?? '')} (Art. 57(1), mandatory)`
    : `${words(ground.ground ?? '')} (Art. 57(4), discretionary)`;

interface BidModel {
  id: string;
  supplierId: string;
  date: string;
  price: number;
  subcontractorIds: string[];
  status: 'pending' | 'valid' | 'disqualified';
  notes: string[];
  totalScore?: number;
  socialScore?: number;
}

interface AwardModel {
  id: string;
  bidId: string;
  supplierId: string;
  date: string;
  description: string;
  status: 'pending' | 'active' | 'cancelled';
  documents: Json[];
}

/**
 * Maps a procurement case's events to OCDS releases. Each release states what that step made true
 * (whole objects, so a release reads on its own); the parties carry the roles of that moment.
 * Events OCDS has no place for (workers' grievances, monitoring details) are in the JSON Lines export.
 */
export function ocdsReleases(caseEvents: readonly RecordedEvent[], options: OcdsOptions = {}): OcdsRelease[] {
  const prefix = options.ocidPrefix ?? ocdsDefaults.ocidPrefix;
  const first = caseEvents[0];
  if (!first) return [];
  const opened = readEvent(first);
  const caseId = (opened && 'caseId' in opened.data ? opened.data.caseId : undefined) ?? first.streamId;
  const ocid = `${prefix}-${caseId}`;
  const buyerId = first.metadata.organisationId;
  const buyer = { id: buyerId, name: buyerId };
  const releases: OcdsRelease[] = [];

  let tenderId = caseId;
  let currency: string | undefined;
  let clauses: Clause[] = [];
  let countries: string[] = [];
  const bids = new Map<string, BidModel>();
  const awards = new Map<string, AwardModel>();
  const complaints = new Map<string, { document: Json; awardId?: string }>();
  let contract: { id: string; awardId: string; bidId: string; supplierId: string } | undefined;
  const milestones = new Map<string, Json>();
  const breachesByFinding = new Map<string, string>(); // findingId → clauseId
  const escalations = new Map<string, string[]>(); // clauseId → steps taken
  const compliancePlans = { due: [] as string[], submitted: new Set<string>() };

  const value = (amount: number | undefined) =>
    amount === undefined ? undefined : currency ? { amount, currency } : { amount };
  const currentAward = () => [...awards.values()].filter((a) => a.status !== 'cancelled').at(-1);

  // A party once named stays listed (a compiled release never loses one), with the roles it has now;
  // `null` when it has none left, which removes them from the compiled release.
  const named: string[] = [buyerId];
  /** Every party with the roles it has now: a cancelled award's supplier is a tenderer again. */
  const parties = (): Json[] => {
    const roles = new Map<string, Set<string>>([[buyerId, new Set(['buyer', 'procuringEntity'])]]);
    const add = (id: string, role: string) => roles.set(id, (roles.get(id) ?? new Set()).add(role));
    for (const bid of bids.values()) {
      add(bid.supplierId, 'tenderer');
      for (const subcontractor of bid.subcontractorIds) add(subcontractor, 'subcontractor');
    }
    const award = currentAward();
    if (award) add(award.supplierId, 'supplier');
    for (const id of roles.keys()) if (!named.includes(id)) named.push(id);
    return named.map((id) =>
      id === buyerId
        ? { ...buyer, roles: [...roles.get(id)!] }
        : { id, name: id, roles: roles.has(id) ? [...roles.get(id)!] : null },
    );
  };

  const bidDetail = (bid: BidModel): Json => ({
    id: bid.id,
    submissionType: 'bid',
    date: bid.date,
    status: bid.status,
    tenderers: [{ id: bid.supplierId, name: bid.supplierId }],
    value: value(bid.price),
    relatedLots: [LOT],
    countriesOfOrigin: countries.length > 0 ? countries : undefined,
    description: bid.notes.length > 0 ? bid.notes.join(' ') : undefined,
    ...(bid.totalScore === undefined ? {} : rankOf(bid)),
    ...subcontracting(bid),
  });
  const rankOf = (bid: BidModel) => {
    const ranked = [...bids.values()]
      .filter((b) => b.status === 'valid' && b.totalScore !== undefined)
      .sort((a, b) => b.totalScore! - a.totalScore!);
    const index = ranked.indexOf(bid);
    return index < 0 ? { hasRank: false } : { hasRank: true, rank: index + 1 };
  };
  const subcontracting = (bid: BidModel): Json =>
    bid.subcontractorIds.length === 0
      ? { hasSubcontracting: false }
      : {
          hasSubcontracting: true,
          subcontracting: {
            // Numbered by place in the bid: a replaced subcontractor is replaced in its subcontract.
            subcontracts: bid.subcontractorIds.map((id, index) => ({
              id: String(index + 1),
              subcontractor: { id, name: id },
              mainContractors: [{ id: bid.supplierId, name: bid.supplierId }],
            })),
          },
        };
  const bidsSection = (): Json => {
    const all = [...bids.values()];
    const bidders = new Set(all.map((b) => b.supplierId));
    return {
      statistics: [
        { id: 'bids', measure: 'bids', value: all.length, relatedLot: LOT },
        {
          id: 'validBids',
          measure: 'validBids',
          value: all.filter((b) => b.status === 'valid').length,
          relatedLot: LOT,
        },
        {
          id: 'disqualifiedBids',
          measure: 'disqualifiedBids',
          value: all.filter((b) => b.status === 'disqualified').length,
          relatedLot: LOT,
        },
        { id: 'bidders', measure: 'bidders', value: bidders.size, relatedLot: LOT },
      ],
      details: all.map(bidDetail),
    };
  };
  const tenderers = () => {
    const ids = [...new Set([...bids.values()].map((b) => b.supplierId))];
    return { tenderers: ids.map((id) => ({ id, name: id })), numberOfTenderers: ids.length };
  };
  const awardObject = (award: AwardModel): Json => {
    const bid = bids.get(award.bidId);
    return {
      id: award.id,
      title: `Award ${award.id} to ${award.supplierId}`,
      description: award.description,
      status: award.status,
      date: award.date,
      value: value(bid?.price),
      suppliers: [{ id: award.supplierId, name: award.supplierId }],
      relatedBids: [award.bidId],
      relatedLots: [LOT],
      documents: award.documents.length > 0 ? award.documents : undefined,
      ...(bid ? subcontracting(bid) : {}),
    };
  };
  const contractObject = (extra: Json = {}): Json => ({
    id: contract!.id,
    awardID: contract!.awardId,
    relatedBids: [contract!.bidId],
    ...extra,
  });
  const implementation = (changed: string[], extra: Json = {}) =>
    contractObject({ implementation: { milestones: changed.map((id) => milestones.get(id)!), ...extra } });

  const release = (event: RecordedEvent, tag: string, body: Json) => {
    releases.push({
      ocid,
      id: `${caseId}-${String(event.revision).padStart(4, '0')}-${tag}`,
      date: event.metadata.recordedAt,
      tag: [tag],
      initiationType: 'tender',
      buyer,
      parties: parties(),
      ...body,
    });
  };
  const setMilestone = (id: string, fields: Json) => {
    milestones.set(id, { ...(milestones.get(id) ?? { id }), ...fields });
    return id;
  };
  const clauseMilestone = (clause: Clause): Json => ({
    id: `clause-${clause.clauseId}`,
    title: sentence(clause.description),
    type: clause.kind === 'kpi' ? 'reporting' : 'delivery',
    description:
      clause.kind === 'kpi'
        ? `Contract performance clause ${clause.clauseId}, a key performance indicator the supplier works towards; it is measured, not sanctioned on its own.`
        : `Contract performance clause ${clause.clauseId}, a necessary step: not taking it is a breach the buyer may sanction.`,
    status: 'scheduled',
  });
  const clauseById = (clauseId: string) => clauses.find((c) => c.clauseId === clauseId);

  for (const recorded of caseEvents) {
    const event = readEvent(recorded);
    if (!event) continue;
    const at = event.metadata.recordedAt;
    switch (event.type) {
      case 'CaseOpened':
        countries = ((event.data.countriesOfProduction as string[] | undefined) ?? []).filter((c) =>
          /^[A-Z]{2}$/.test(c),
        );
        release(event, 'planning', {
          planning: { rationale: str(event.data.title) },
          tender: {
            id: tenderId,
            title: str(event.data.title),
            status: 'planning',
            mainProcurementCategory: 'goods',
            items: [{ id: '1', description: str(event.data.productCategory) }],
          },
        });
        break;
      case 'RiskScreened':
        release(event, 'planningUpdate', {
          planning: {
            milestones: [
              {
                id: 'risk-screening',
                title: `Risk screening of the product category: ${words(str(event.data.riskLevel) ?? '')} risk`,
                description: ((event.data.reasons as string[] | undefined) ?? []).join('; ') || undefined,
                type: 'assessment',
                status: 'met',
                dateMet: at,
              },
            ],
          },
        });
        break;
      case 'PolicyAdopted':
        release(event, 'planningUpdate', {
          planning: {
            milestones: [
              {
                id: 'policy-adopted',
                title: `Policy and code of conduct ${str(event.data.policyRef)} adopted`,
                description: `Requires ${((event.data.codeOfConductStandards as string[] | undefined) ?? []).join(', ')}${event.data.includesLawOfCountryOfProduction ? ' and the law of the country of production' : ''}.`,
                type: 'approval',
                status: 'met',
                dateMet: at,
              },
            ],
          },
        });
        break;
      case 'TenderRequirementsPublished': {
        tenderId = str(event.data.tenderRef) ?? tenderId;
        currency = str(event.data.currency);
        clauses = (event.data.performanceClauses as Clause[] | undefined) ?? [];
        const criteria = event.data.awardCriteria ?? [];
        const disclosure = event.data.disclosure;
        const plans = event.data.compliancePlans as { annualPurchaseThreshold: number; dueByEndOfContractYear: number };
        const social = criteria.filter((c) => c.kind === 'social');
        const strategies = [
          ...(social.length > 0 ? ['awardCriteria'] : []),
          ...(clauses.length > 0 ? ['contractPerformanceConditions'] : []),
          'selectionCriteria',
        ];
        release(event, 'tender', {
          tender: {
            id: tenderId,
            status: 'active',
            procurementMethod: 'open',
            awardCriteria: 'ratedCriteria',
            awardCriteriaDetails: criteria.map((c) => `${c.description} (${c.kind}): ${c.weight}%`).join('; '),
            tenderPeriod: { startDate: at, endDate: str(event.data.bidDeadline) },
            submissionMethod: ['electronicSubmission'],
            items: [{ id: '1', relatedLot: LOT }],
            lots: [
              {
                id: LOT,
                title: str(event.data.tenderRef),
                status: 'active',
                awardCriteria: {
                  criteria: criteria.map((c) => ({
                    type: c.kind === 'price' ? 'price' : 'quality',
                    name: sentence(c.description),
                    description:
                      c.kind === 'social' ? 'Social criterion (labour rights in the supply chain)' : undefined,
                    numbers: [{ number: c.weight, weight: 'percentageExact' }],
                  })),
                },
              },
            ],
            hasSustainability: true,
            sustainability: [
              {
                goal: 'social.humanRightsInSupplyChains',
                strategies,
                description:
                  `Supply-chain disclosure of ${disclosure.sharePercentAtBid}% at bid, rising ${disclosure.yearlyStepPercentPoints} points a contract year; ` +
                  `compliance plans for factories with annual purchases of ${plans.annualPurchaseThreshold} or more by the end of contract year ${plans.dueByEndOfContractYear}` +
                  (clauses.length > 0
                    ? `; performance clauses: ${clauses.map((c) => `${c.description} (${words(c.kind)})`).join(', ')}`
                    : '') +
                  (social.length > 0
                    ? `; social award criteria: ${social.map((c) => `${c.description} ${c.weight}%`).join(', ')}`
                    : '') +
                  '.',
              },
            ],
            // Art. 57 grounds, typed with eForms exclusion-ground codes (as OCDS for eForms does).
            exclusionGrounds: {
              criteria: [
                {
                  type: 'human-traffic',
                  description:
                    'Final conviction for child labour or other forms of trafficking in human beings (Directive 2014/24/EU Art. 57(1)(f)): mandatory exclusion, for at most 5 years; self-cleaning (Art. 57(6)) can lift it.',
                },
                {
                  type: 'misconduct',
                  description:
                    'Grave professional misconduct (Art. 57(4)(c)): discretionary exclusion, for at most 3 years.',
                },
                {
                  type: 'labour-law',
                  description:
                    'Breach of obligations under labour law (Art. 57(4)(a), 18(2)): discretionary exclusion.',
                },
                {
                  type: 'sanction',
                  description:
                    'Earlier public contract terminated early for significant deficiencies (Art. 57(4)(g)): discretionary exclusion.',
                },
              ],
            },
            selectionCriteria: {
              criteria: [
                {
                  type: 'technical',
                  description: 'Share of the supply chain (factories by purchase value) disclosed with the bid.',
                  minimum: `${disclosure.sharePercentAtBid}%`,
                  appliesTo: ['supplier'],
                },
              ],
            },
            subcontractingTerms: {
              description:
                'Subcontractors are named in the bid and assessed against the same exclusion grounds; one that meets a ground must be replaced before award (Art. 71(6)).',
            },
          },
        });
        break;
      }
      case 'BidSubmitted': {
        const bidId = str(event.data.bidId)!;
        bids.set(bidId, {
          id: bidId,
          supplierId: str(event.data.supplierId)!,
          date: at,
          price: num(event.data.price) ?? 0,
          subcontractorIds: [...((event.data.subcontractorIds as string[] | undefined) ?? [])],
          status: 'pending',
          notes: [`Discloses ${String(event.data.disclosedSharePercent)}% of its supply chain.`],
        });
        release(event, 'tenderUpdate', { tender: { id: tenderId, ...tenderers() }, bids: bidsSection() });
        break;
      }
      case 'BidderExcluded':
      case 'BidRejected': {
        const bid = bids.get(str(event.data.bidId)!);
        if (!bid) break;
        bid.status = 'disqualified';
        bid.notes.push(
          event.type === 'BidderExcluded'
            ? `Bidder excluded until ${str(event.data.excludedUntil)}: ${groundName(event.data.ground as ExclusionGroundData)}; ${str(event.data.reasons)}.`
            : `Rejected as abnormally low (${words(str(event.data.reason) ?? '')}, Art. 69): ${str(event.data.reasons)}.`,
        );
        release(event, 'tenderUpdate', { tender: { id: tenderId, ...tenderers() }, bids: bidsSection() });
        break;
      }
      case 'ExclusionGroundNotApplied':
      case 'SubcontractorReplacementRequired':
      case 'SelfCleaningRejected': {
        const bid = bids.get(str(event.data.bidId)!);
        if (!bid) break;
        const subject = 'subject' in event.data ? event.data.subject : undefined;
        bid.notes.push(
          event.type === 'ExclusionGroundNotApplied'
            ? `Exclusion ground assessed and not applied to ${subject?.kind === 'subcontractor' ? `subcontractor ${subject.subcontractorId}` : 'the bidder'}: ${groundName(event.data.ground as ExclusionGroundData)}; ${str(event.data.reasons)}.`
            : event.type === 'SubcontractorReplacementRequired'
              ? `Subcontractor ${str(event.data.subcontractorId)} must be replaced (Art. 71(6)): ${groundName(event.data.ground as ExclusionGroundData)}; ${str(event.data.reasons)}.`
              : `Self-cleaning rejected (Art. 57(6)): ${str(event.data.reasons)}.`,
        );
        release(event, 'tenderUpdate', { bids: bidsSection() });
        break;
      }
      case 'SelfCleaningAccepted': {
        const bid = bids.get(str(event.data.bidId)!);
        if (!bid) break;
        bid.status = bid.totalScore === undefined ? 'pending' : 'valid';
        bid.notes.push(`Exclusion lifted: self-cleaning accepted (Art. 57(6)): ${str(event.data.reasons)}.`);
        release(event, 'tenderUpdate', { bids: bidsSection() });
        break;
      }
      case 'SubcontractorReplaced': {
        const bid = bids.get(str(event.data.bidId)!);
        if (!bid) break;
        bid.subcontractorIds = bid.subcontractorIds.map((id) =>
          id === str(event.data.subcontractorId) ? str(event.data.replacementSubcontractorId)! : id,
        );
        bid.notes.push(
          `Subcontractor ${str(event.data.subcontractorId)} replaced by ${str(event.data.replacementSubcontractorId)} (Art. 71(6)).`,
        );
        release(event, 'tenderUpdate', { bids: bidsSection() });
        break;
      }
      case 'BidEvaluated': {
        const bid = bids.get(str(event.data.bidId)!);
        if (!bid) break;
        bid.status = 'valid';
        bid.totalScore = num(event.data.totalScore);
        bid.socialScore = num(event.data.socialScore);
        bid.notes.push(`Evaluated: ${bid.totalScore} of 100, of which social criteria ${bid.socialScore}.`);
        release(event, 'tenderUpdate', { bids: bidsSection() });
        break;
      }
      case 'AwardDecided': {
        const award: AwardModel = {
          id: str(event.data.awardId)!,
          bidId: str(event.data.bidId)!,
          supplierId: str(event.data.supplierId)!,
          date: at,
          description: str(event.data.reasons)!,
          status: 'pending',
          documents: [],
        };
        awards.set(award.id, award);
        release(event, 'award', { awards: [awardObject(award)] });
        break;
      }
      case 'ComplaintSubmitted':
      case 'ComplaintUpheld':
      case 'ComplaintDismissed':
      case 'ComplaintWithdrawn': {
        const complaintId = str(event.data.complaintId)!;
        const known = complaints.get(complaintId);
        const outcome = event.type.replace('Complaint', '').toLowerCase();
        const document: Json =
          event.type === 'ComplaintSubmitted'
            ? {
                id: complaintId,
                documentType: 'complaints',
                title: `Complaint ${complaintId} by ${str(event.data.complainant)}`,
                description: `Grounds: ${str(event.data.grounds)}`,
                datePublished: at,
              }
            : {
                ...known?.document,
                title: `Complaint ${complaintId}: ${outcome}`,
                description: `${String(known?.document.description ?? '')}${'reasons' in event.data && event.data.reasons ? ` Decision: ${event.data.reasons}` : ''}`,
                dateModified: at,
              };
        const awardId = str(event.data.awardId) ?? known?.awardId;
        complaints.set(complaintId, { document, awardId });
        const award = awardId ? awards.get(awardId) : undefined;
        if (award) {
          award.documents = [...award.documents.filter((d) => d.id !== complaintId), document];
          release(event, 'awardUpdate', { awards: [awardObject(award)] });
        } else release(event, 'tenderUpdate', { tender: { id: tenderId, documents: [document] } });
        break;
      }
      case 'AwardCancelled': {
        const award = awards.get(str(event.data.awardId)!);
        if (!award) break;
        award.status = 'cancelled';
        award.documents.push({
          id: `${award.id}-cancellation`,
          documentType: 'cancellationDetails',
          title: `Award ${award.id} cancelled: complaint ${str(event.data.complaintId)} upheld`,
          description: str(event.data.reasons),
          datePublished: at,
        });
        // Back to evaluation: the tender is open again until a contract is signed.
        release(event, 'awardCancellation', {
          tender: { id: tenderId, status: 'active' },
          awards: [awardObject(award)],
        });
        break;
      }
      case 'LegalStandstillEnded': {
        const award = awards.get(str(event.data.awardId)!);
        if (!award) break;
        award.status = 'active';
        release(event, 'awardUpdate', { awards: [awardObject(award)] });
        break;
      }
      case 'ContractSigned': {
        const award = currentAward()!;
        contract = {
          id: str(event.data.contractId)!,
          awardId: award.id,
          bidId: str(event.data.bidId)!,
          supplierId: str(event.data.supplierId)!,
        };
        for (const clause of clauses) setMilestone(`clause-${clause.clauseId}`, clauseMilestone(clause));
        release(event, 'contract', {
          tender: { id: tenderId, status: 'complete' },
          contracts: [
            contractObject({
              title: `Contract ${contract.id} with ${contract.supplierId}`,
              status: 'active',
              dateSigned: at,
              period: { startDate: at },
              value: value(bids.get(contract.bidId)?.price),
              implementation: { milestones: clauses.map((c) => milestones.get(`clause-${c.clauseId}`)!) },
            }),
          ],
        });
        break;
      }
      case 'ContractYearBegan':
      case 'SupplyChainDisclosed':
      case 'DisclosureRatchetChecked': {
        if (!contract) break;
        const year = num(event.data.contractYear)!;
        const required =
          'requiredDisclosureSharePercent' in event.data
            ? event.data.requiredDisclosureSharePercent
            : 'requiredSharePercent' in event.data
              ? event.data.requiredSharePercent
              : undefined;
        const base = {
          title: `Supply-chain disclosure, contract year ${year}`,
          type: 'reporting',
        };
        let fields: Json;
        if (event.type === 'ContractYearBegan')
          fields = {
            ...base,
            description: `At least ${required}% of the supply chain disclosed.`,
            status: 'scheduled',
          };
        else {
          const met = event.data.meetsRequirement === true;
          fields = {
            ...base,
            description:
              `At least ${required}% required; ${String(event.data.disclosedSharePercent)}% disclosed.` +
              (event.type === 'DisclosureRatchetChecked'
                ? ` Next year: ${String(event.data.nextYearRequiredSharePercent)}%.`
                : ''),
            status: met ? 'met' : 'notMet',
            dateMet: met ? at : null,
            dateModified: at,
          };
        }
        release(event, 'implementation', {
          contracts: [implementation([setMilestone(`disclosure-year-${year}`, fields)])],
        });
        break;
      }
      case 'CompliancePlansDue':
      case 'CompliancePlanSubmitted':
      case 'CompliancePlansOverdue': {
        if (!contract) break;
        if (event.type === 'CompliancePlansDue') compliancePlans.due = [...(event.data.factoryIds as string[])];
        if (event.type === 'CompliancePlanSubmitted') compliancePlans.submitted.add(str(event.data.factoryId)!);
        const outstanding = compliancePlans.due.filter((f) => !compliancePlans.submitted.has(f));
        // Judged against the factories the plans were requested for; before that request, only listed.
        const requested = compliancePlans.due.length > 0;
        const status =
          event.type === 'CompliancePlansOverdue'
            ? 'notMet'
            : !requested
              ? 'scheduled'
              : outstanding.length === 0
                ? 'met'
                : compliancePlans.submitted.size > 0
                  ? 'partiallyMet'
                  : 'scheduled';
        const submitted = [...compliancePlans.submitted];
        const id = setMilestone('compliance-plans', {
          title: 'Compliance plans for the main factories',
          type: 'delivery',
          description:
            `Plans submitted for: ${submitted.length > 0 ? submitted.join(', ') : 'none'}` +
            (requested && outstanding.length > 0 ? `; outstanding: ${outstanding.join(', ')}.` : '.'),
          ...('dueBy' in event.data && event.data.dueBy ? { dueDate: event.data.dueBy } : {}),
          status,
          dateMet: status === 'met' ? at : null,
          dateModified: at,
        });
        release(event, 'implementation', { contracts: [implementation([id])] });
        break;
      }
      case 'QuestionnaireIssued':
      case 'QuestionnaireAnswered':
      case 'SupplierSilenceEscalated': {
        if (!contract) break;
        const id = `questionnaire-${str(event.data.questionnaireId)}`;
        const answered = event.type === 'QuestionnaireAnswered';
        setMilestone(id, {
          title: `Supplier questionnaire, contract year ${String(event.data.contractYear)}`,
          type: 'reporting',
          ...('deadline' in event.data && event.data.deadline ? { dueDate: event.data.deadline } : {}),
          status: event.type === 'QuestionnaireIssued' ? 'scheduled' : answered ? 'met' : 'notMet',
          ...(answered
            ? { dateMet: at, description: event.data.onTime ? 'Answered on time.' : 'Answered after the deadline.' }
            : {}),
          ...(event.type === 'SupplierSilenceEscalated'
            ? { description: `No answer after ${String(event.data.remindersSent)} reminders: escalated.` }
            : {}),
          dateModified: at,
        });
        release(event, 'implementation', { contracts: [implementation([id])] });
        break;
      }
      case 'DeskReviewCompleted':
      case 'IndependentAuditRequested': {
        if (!contract) break;
        const review = event.type === 'DeskReviewCompleted';
        const reasons =
          ('auditReasons' in event.data
            ? event.data.auditReasons
            : 'reasons' in event.data
              ? event.data.reasons
              : undefined) ?? [];
        const id = setMilestone(
          review ? `desk-review-year-${String(event.data.contractYear)}` : `audit-${str(event.data.auditId)}`,
          {
            title: review
              ? `Desk review, contract year ${String(event.data.contractYear)}`
              : `Independent audit (${words(str(event.data.method) ?? '')}), contract year ${String(event.data.contractYear)}`,
            type: 'assessment',
            description: review
              ? reasons.length > 0
                ? `Independent audit needed: ${reasons.map(words).join(', ')}.`
                : 'No independent audit needed.'
              : `Requested because of ${reasons.map(words).join(', ')}.`,
            status: review ? 'met' : 'scheduled',
            ...(review ? { dateMet: at } : {}),
            dateModified: at,
          },
        );
        release(event, 'implementation', { contracts: [implementation([id])] });
        break;
      }
      case 'KpiProgressRecorded': {
        const clause = clauseById(str(event.data.clauseId)!);
        if (!contract || !clause) break;
        const status = kpiMilestoneStatus(num(event.data.value)!, num(event.data.target)!);
        const id = setMilestone(`clause-${clause.clauseId}`, {
          ...clauseMilestone(clause),
          description: `${String(clauseMilestone(clause).description)} ${str(event.data.period)}: ${String(event.data.value)} against a target of ${String(event.data.target)}.`,
          status,
          dateMet: status === 'met' ? at : null,
          dateModified: at,
        });
        release(event, 'implementation', { contracts: [implementation([id])] });
        break;
      }
      case 'PerformanceClauseBreached': {
        const clause = clauseById(str(event.data.clauseId)!);
        if (!contract || !clause) break;
        if (str(event.data.findingId)) breachesByFinding.set(str(event.data.findingId)!, clause.clauseId);
        const id = setMilestone(`clause-${clause.clauseId}`, {
          ...clauseMilestone(clause),
          description: `${String(clauseMilestone(clause).description)} Breach ${str(event.data.breachId)} confirmed: ${str(event.data.description)}.`,
          status: 'notMet',
          dateMet: null,
          dateModified: at,
        });
        release(event, 'implementation', { contracts: [implementation([id])] });
        break;
      }
      case 'BreachEscalated': {
        const clauseId = breachesByFinding.get(str(event.data.findingId)!);
        if (!contract || !clauseId) break;
        const steps = [...(escalations.get(clauseId) ?? []), words(str(event.data.step)!)];
        escalations.set(clauseId, steps);
        const milestone = milestones.get(`clause-${clauseId}`)!;
        const description = String(milestone.description).replace(/ Escalated: .*$/, '');
        const id = setMilestone(`clause-${clauseId}`, {
          description: `${description} Escalated: ${steps.join(', then ')} (${str(event.data.note)}).`,
          dateModified: at,
        });
        release(event, 'implementation', { contracts: [implementation([id])] });
        break;
      }
      case 'SanctionImposed': {
        if (!contract) break;
        const amount = num(event.data.amount);
        const sanction = str(event.data.sanction)!;
        const id = setMilestone(`sanction-${str(event.data.sanctionId)}`, {
          title: `${sentence(words(sanction))} for breach ${str(event.data.breachId)} of clause ${str(event.data.clauseId)}`,
          type: 'assessment',
          description: `${str(event.data.reasons)}${amount === undefined ? '' : ` Amount: ${amount}${currency ? ` ${currency}` : ''}.`}`,
          status: 'met',
          dateMet: at,
        });
        // Liquidated damages are money the supplier owes the buyer: a transaction, not an amendment.
        const transactions =
          sanction === 'liquidated_damages' && amount !== undefined
            ? [
                {
                  id: `sanction-${str(event.data.sanctionId)}`,
                  date: at,
                  value: value(amount),
                  payer: { id: contract.supplierId, name: contract.supplierId },
                  payee: buyer,
                },
              ]
            : undefined;
        release(event, 'implementation', { contracts: [implementation([id], { transactions })] });
        break;
      }
      case 'ContractTerminated':
      case 'ContractClosed': {
        if (!contract) break;
        const terminated = event.type === 'ContractTerminated';
        release(event, 'contractTermination', {
          contracts: [
            contractObject({
              status: 'terminated',
              period: { endDate: at },
              documents: [
                {
                  id: terminated ? 'termination' : 'closure',
                  documentType: 'contractArrangements',
                  title: terminated ? 'Contract terminated early by the buyer' : 'Contract closed',
                  description: str(event.data.reasons),
                  datePublished: at,
                },
              ],
            }),
          ],
        });
        break;
      }
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

function dropNull(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNull);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null)
        .map(([key, item]) => [key, dropNull(item)]),
    );
  return value;
}

const isIdentified = (items: unknown[]) =>
  items.length > 0 && items.every((item) => typeof item === 'object' && item !== null && 'id' in item);

/**
 * OCDS merging (what these releases use): objects merge field by field, arrays of objects with `id`
 * merge item by item on `id`, any other value is replaced by the later one; `null` removes a field.
 */
function merge(target: unknown, update: unknown): unknown {
  if (Array.isArray(update)) {
    if (!isIdentified(update)) return update;
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
  // The common convention (ocdsmerge, ocdskit): `<ocid>-<date of the last release>`.
  return { ...(dropNull(compiled) as Json), id: `${last.ocid}-${last.date}`, date: last.date, tag: ['compiled'] };
}

interface Version {
  releaseID: string;
  releaseDate: string;
  releaseTag: string[];
  value: unknown;
}

/**
 * The versioned release: every field with the list of its values and the release that set each
 * one (a new entry only when the value changes). Objects in identified arrays keep their `id` plain.
 */
export function versionedRelease(releases: readonly OcdsRelease[]): Json {
  const versioned: Json = {};
  const record = (target: Json, update: Json, release: OcdsRelease, plainId: boolean) => {
    for (const [key, item] of Object.entries(update)) {
      if (plainId && key === 'id') {
        target.id = item;
        continue;
      }
      if (Array.isArray(item) && isIdentified(item)) {
        const list = (Array.isArray(target[key]) ? target[key] : (target[key] = [])) as Json[];
        for (const element of item as Json[]) {
          let existing = list.find((e) => e.id === element.id);
          if (!existing) list.push((existing = {}));
          record(existing, element, release, true);
        }
      } else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        const child = (
          typeof target[key] === 'object' && !Array.isArray(target[key]) ? target[key] : (target[key] = {})
        ) as Json;
        record(child, item as Json, release, false);
      } else {
        const versions = (Array.isArray(target[key]) ? target[key] : (target[key] = [])) as Version[];
        const previous = versions.at(-1);
        if (previous && JSON.stringify(previous.value) === JSON.stringify(item)) continue;
        versions.push({ releaseID: release.id, releaseDate: release.date, releaseTag: release.tag, value: item });
      }
    }
  };
  for (const release of releases) {
    const { ocid, id: _id, date: _date, tag: _tag, ...rest } = release;
    versioned.ocid = ocid;
    record(versioned, rest, release, false);
  }
  return versioned;
}

function packageMeta(releases: readonly OcdsRelease[], options: OcdsOptions, kind: 'releases' | 'record') {
  const base = (options.baseUri ?? ocdsDefaults.baseUri).replace(/\/$/, '');
  const publisher = options.publisher ?? { name: ocdsDefaults.publisherName };
  return {
    uri: `${base}/${releases[0]?.ocid ?? 'empty'}/${kind}.json`,
    version: '1.1',
    extensions: ocdsExtensionUrls(options.extensionsBaseUri),
    publishedDate: options.publishedDate ?? releases[releases.length - 1]?.date ?? new Date(0).toISOString(),
    publisher: dropUndefined({
      name: publisher.name,
      scheme: publisher.scheme,
      uid: publisher.uid,
      uri: publisher.uri,
    }),
    license: options.license ?? ocdsDefaults.license,
    publicationPolicy: options.publicationPolicy ?? `${base}/publication-policy`,
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
    records: [
      {
        ocid: releases[0].ocid,
        releases,
        compiledRelease: compileRecord(releases),
        ...(options.versionedRelease ? { versionedRelease: versionedRelease(releases) } : {}),
      },
    ],
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
