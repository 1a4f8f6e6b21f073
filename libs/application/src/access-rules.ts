import type { CommandsByAggregate, EventType } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';
import type { AccessPolicy, Parties, Reference } from './access';
import { eventsOfType } from './events';

/*
 * Each aggregate's access rules: how it is scoped, which commands create it, whom it concerns and
 * what its commands name elsewhere. Tables keyed by command type, so each rule reads its command's
 * own data and the compiler checks every name.
 */

const defined = (values: readonly (string | undefined)[]) => values.filter((v): v is string => v !== undefined);

/** The data of a stream's events of one type, each read as that type. */
const dataOf = <T extends EventType>(history: readonly RecordedEvent[], type: T) =>
  eventsOfType(history, type).map((event) => event.data);

/** A command that creates its stream concerns the party it names; once the stream exists, the stream's. */
const newStreamOr =
  (ofStream: (history: readonly RecordedEvent[]) => Parties) =>
  (named: Parties, history: readonly RecordedEvent[]): Parties =>
    history.length > 0 ? ofStream(history) : named;

const namedFinding = (id: string | undefined): Reference[] =>
  defined([id]).map((findingId) => ({ field: 'findingId', aggregate: 'finding', id: findingId }));

const namedFindings = (ids: readonly string[]): Reference[] =>
  ids.map((id) => ({ field: 'findingIds', aggregate: 'finding', id }));

const namedFactory = (id: string): Reference[] => [{ field: 'factoryId', aggregate: 'factory', id }];

/** The case named, with an optional condition on it. */
const namedCase = (caseId: string | undefined, unmet?: Reference['unmet']): Reference[] =>
  caseId === undefined
    ? []
    : [{ field: 'caseId', aggregate: 'procurementCase', id: caseId, ...(unmet ? { unmet } : {}) }];

/** The remedy is asked of the supplier the case's contract was signed with, and of no one else. */
const contractedWith =
  (caseId: string, contractorId: string): Reference['unmet'] =>
  (history) =>
    dataOf(history, 'ContractSigned').some((data) => data.supplierId === contractorId)
      ? undefined
      : `${contractorId} is not the contractor of a contract signed in case ${caseId}`;

/** A disclosure is recorded against a contract signed in the case, with the supplier it was signed with. */
const contractSigned =
  (contractId: string, supplierId: string): Reference['unmet'] =>
  (history) =>
    dataOf(history, 'ContractSigned').some((data) => data.contractId === contractId && data.supplierId === supplierId)
      ? undefined
      : `no contract ${contractId} with ${supplierId} is signed in this case`;

// --- procurement case -------------------------------------------------------------------

/** A bid command concerns the bid's supplier. */
const bidSupplier = (data: { readonly bidId: string }, history: readonly RecordedEvent[]): Parties => ({
  supplierIds: defined([dataOf(history, 'BidSubmitted').find((bid) => bid.bidId === data.bidId)?.supplierId]),
  factoryIds: [],
});

const caseAccess: AccessPolicy<CommandsByAggregate['procurementCase']> = {
  organisationScope: 'owner',
  creates: ['OpenCase'],
  // After signature, the contractor of the signed contract.
  parties: (history) => ({ supplierIds: dataOf(history, 'ContractSigned').map((d) => d.supplierId), factoryIds: [] }),
  partiesNamed: {
    SubmitBid: (data) => ({ supplierIds: [data.supplierId], factoryIds: [] }),
    AssessExclusionGround: bidSupplier,
    ReplaceSubcontractor: bidSupplier,
    SubmitSelfCleaningEvidence: bidSupplier,
    AssessSelfCleaning: bidSupplier,
    FlagAbnormallyLowBid: bidSupplier,
    RequestLowBidExplanation: bidSupplier,
    AssessLowBidExplanation: bidSupplier,
    EvaluateBid: bidSupplier,
    DecideAward: bidSupplier,
  },
  // A case's commands name its own findings (clause breaches, escalations, termination, audits).
  references: {
    RecordClauseBreach: (data) => namedFinding(data.findingId),
    EscalateBreach: (data) => namedFinding(data.findingId),
    TerminateContract: (data) => namedFinding(data.findingId),
    RequestIndependentAudit: (data) => namedFindings(data.findingIds),
  },
};

// --- finding ----------------------------------------------------------------------------

const recordedFinding = (history: readonly RecordedEvent[]) => dataOf(history, 'FindingRecorded')[0];

/** Its factory, and the contractor the remedy is asked of once the breach is confirmed. */
const findingParties = (history: readonly RecordedEvent[]): Parties => ({
  supplierIds: dataOf(history, 'BreachConfirmed').map((d) => d.contractorId),
  factoryIds: defined([recordedFinding(history)?.factoryId]),
});

const findingAccess: AccessPolicy<CommandsByAggregate['finding']> = {
  organisationScope: 'owner',
  creates: ['RecordFinding'],
  parties: findingParties,
  partiesNamed: {
    RecordFinding: (data, history) =>
      newStreamOr(findingParties)({ supplierIds: [], factoryIds: defined([data.factoryId]) }, history),
  },
  // A finding names its factory and, when known, its case; a breach names the contractor of that case.
  references: {
    RecordFinding: (data) => [
      ...(data.factoryId === undefined ? [] : namedFactory(data.factoryId)),
      ...namedCase(data.caseId),
    ],
    ConfirmBreach: (data, history) => {
      const caseId = data.caseId ?? recordedFinding(history)?.caseId;
      return namedCase(caseId, caseId === undefined ? undefined : contractedWith(caseId, data.contractorId));
    },
  },
};

// --- grievance --------------------------------------------------------------------------

/** The factory it is about. */
const grievanceParties = (history: readonly RecordedEvent[]): Parties => ({
  supplierIds: [],
  factoryIds: defined([dataOf(history, 'GrievanceSubmitted')[0]?.factoryId]),
});

const grievanceAccess: AccessPolicy<CommandsByAggregate['grievance']> = {
  organisationScope: 'owner',
  creates: ['SubmitGrievance'],
  parties: grievanceParties,
  partiesNamed: {
    SubmitGrievance: (data, history) =>
      newStreamOr(grievanceParties)({ supplierIds: [], factoryIds: [data.factoryId] }, history),
  },
  // A grievance names its factory, perhaps a case, and the finding it is referred to.
  references: {
    SubmitGrievance: (data) => [...namedFactory(data.factoryId), ...namedCase(data.caseId)],
    ReferGrievanceToFinding: (data) => namedFinding(data.findingId),
  },
};

// --- cooperative contract ---------------------------------------------------------------

/** Whether the lead's last decision on an agency's request admitted it. */
const admitted = (history: readonly RecordedEvent[], organisationId: string): boolean => {
  const last = (type: 'AgencyAdmitted' | 'AgencyJoinDeclined') =>
    Math.max(
      -1,
      ...eventsOfType(history, type)
        .filter((event) => event.data.agencyOrganisationId === organisationId)
        .map((event) => event.revision),
    );
  return last('AgencyAdmitted') > last('AgencyJoinDeclined');
};

const cooperativeContractAccess: AccessPolicy<CommandsByAggregate['cooperativeContract']> = {
  organisationScope: 'owner',
  creates: ['OpenCooperativeContract'],
  // Any other agency may ask to join; an admitted one may order under it and read it; the rest is the lead's.
  admits: (history, organisationId, command) =>
    command?.type === 'RequestToJoinContract' ||
    ((command === undefined || command.type === 'PlaceOrder') && admitted(history, organisationId)),
  // Opening a case's contract to agencies names that contract, its contractor and its signature.
  references: {
    OpenCooperativeContract: (data) =>
      namedCase(data.caseId, (history) =>
        dataOf(history, 'ContractSigned').some(
          (signed) =>
            signed.contractId === data.contractId &&
            signed.supplierId === data.supplierId &&
            Date.parse(signed.signedAt) === Date.parse(data.signedAt),
        )
          ? undefined
          : 'no contract with this id, contractor and signature instant is signed in this case',
      ),
  },
};

// --- the rest ---------------------------------------------------------------------------

/**
 * Every aggregate's access rules, keyed as the application names its aggregates. The factory
 * registry is shared between buyers (Electronics Watch, Sweatfree Purchasing Consortium): a
 * factory's id is the same for every buyer.
 */
export const accessPolicies: { readonly [A in keyof CommandsByAggregate]: AccessPolicy<CommandsByAggregate[A]> } = {
  procurementCase: caseAccess,
  factory: {
    organisationScope: 'shared',
    creates: ['RegisterFactory'],
    // The shared registry records a disclosure only against a buyer's own signed contract.
    references: {
      RecordContractDisclosure: (data) => namedCase(data.caseId, contractSigned(data.contractId, data.supplierId)),
    },
  },
  finding: findingAccess,
  grievance: grievanceAccess,
  supplyStandstill: {
    organisationScope: 'owner',
    creates: ['ImposeSupplyStandstill'],
    // The factory, the case with its contractor, and the findings behind it.
    references: {
      ImposeSupplyStandstill: (data) => [
        ...namedFactory(data.factoryId),
        ...namedCase(data.caseId, contractedWith(data.caseId, data.contractorId)),
        ...namedFindings(data.findingIds),
      ],
      NoteVerifiedRemediation: (data) => namedFinding(data.findingId),
    },
  },
  purchasingPracticeReview: {
    organisationScope: 'owner',
    creates: ['OpenPurchasingPracticeReview'],
    // The buyer's case and the findings it looks into.
    references: {
      OpenPurchasingPracticeReview: (data) => [...namedCase(data.caseId), ...namedFindings(data.findingIds)],
      LinkFindingToPurchasingPractice: (data) => namedFinding(data.findingId),
    },
  },
  // Each buyer keeps its own lists.
  riskList: { organisationScope: 'owner', creates: ['ImportRiskList'] },
  cooperativeContract: cooperativeContractAccess,
};
