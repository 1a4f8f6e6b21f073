import {
  COOPERATIVE_CONTRACT_WORKFLOW_TYPE,
  COOPERATIVE_STANDSTILL_WORKFLOW_TYPE,
  cooperativeContractWorkflowId,
  cooperativeStandstillWorkflowId,
  factoryThresholdCrossedSignal,
  standstillLiftedSignal,
  type CooperativeContractInput,
  type CooperativeStandstillInput,
  DOCUMENT_REQUEST_WORKFLOW_TYPE,
  documentRequestWorkflowId,
  documentsDisclosedSignal,
  type DocumentRequestInput,
  BREACH_ESCALATION_WORKFLOW_TYPE,
  CONTRACT_DISCLOSURE_WORKFLOW_TYPE,
  TENDER_WORKFLOW_TYPE,
  biddingClosedSignal,
  contractDisclosureWorkflowId,
  tenderWorkflowId,
  type ContractDisclosureInput,
  type TenderInput,
  GRIEVANCE_INTAKE_WORKFLOW_TYPE,
  breachEscalationWorkflowId,
  grievanceIntakeWorkflowId,
  type BreachEscalationInput,
  type GrievanceIntakeInput,
  awardCancelledSignal,
  awardStandstillWorkflowId,
  complaintResolvedSignal,
  complaintSubmittedSignal,
  contractDueDiligenceWorkflowId,
  contractEndedSignal,
  riskScreeningWorkflowId,
  severeFindingSignal,
  standstillImposedSignal,
  type AwardStandstillInput,
  type ComplaintOutcome,
  type ContractDueDiligenceInput,
  type RiskScreeningInput,
} from '@pj/contracts';
import {
  cooperativeContractId,
  handleEvent,
  parseStreamName,
  type EventHandlers,
  type StoredEvent,
} from '@pj/application';
import { isSevereFinding } from '@pj/domain';
import type { RecordedEvent } from '@pj/event-store';

/** A workflow an event asks for. The id is a business id: asking twice starts it once. */
export interface WorkflowStart {
  readonly kind: 'start';
  readonly workflowType: string;
  readonly workflowId: string;
  readonly args: readonly unknown[];
}

/** News for a running workflow (a complaint for the standstill, say). Ignored if it has finished. */
export interface WorkflowSignal {
  readonly kind: 'signal';
  readonly workflowId: string;
  readonly signal: string;
  readonly args: readonly unknown[];
}

export type WorkflowAction = WorkflowStart | WorkflowSignal;

/** What the process manager does for one event: nothing, one action, or several. */
export type Reacted = WorkflowAction | readonly WorkflowAction[] | undefined;

/** The reaction to events of the given types, reading each one's data as its type records it. */
export type Reaction<T extends StoredEvent['type']> = (event: StoredEvent<T>) => Reacted;

/**
 * The organisation an event was recorded for: the owner of its stream (every command on it passes
 * the organisation check), and so the namespace of the ids it names and of the workflows it starts.
 */
const organisationOf = (event: RecordedEvent) => event.metadata.organisationId;

/** What started a workflow: the organisation it acts for, and the event as causation. */
export const trigger = (event: RecordedEvent) => ({
  organisationId: organisationOf(event),
  causationEventId: event.metadata.eventId,
  correlationId: event.metadata.correlationId,
});

/** Complaint events name the award under standstill (absent during evaluation: nothing to hold). */
const complaintResolved =
  (outcome: ComplaintOutcome): Reaction<'ComplaintUpheld' | 'ComplaintDismissed' | 'ComplaintWithdrawn'> =>
  (event) => {
    const { caseId, complaintId, awardId } = event.data;
    if (!awardId) return undefined;
    return {
      kind: 'signal',
      workflowId: awardStandstillWorkflowId(organisationOf(event), caseId, awardId),
      signal: complaintResolvedSignal.name,
      args: [{ complaintId, outcome }],
    };
  };

const contractEnded =
  (reason: 'closed' | 'terminated'): Reaction<'ContractClosed' | 'ContractTerminated'> =>
  (event) => ({
    kind: 'signal',
    workflowId: contractDueDiligenceWorkflowId(organisationOf(event), event.data.caseId),
    signal: contractEndedSignal.name,
    args: [{ reason }],
  });

/** A disclosure (the signed contract's factories, a year's disclosure): recorded in the factory registry. */
const disclosure = (
  event: RecordedEvent,
  input: Omit<ContractDisclosureInput, keyof ReturnType<typeof trigger>>,
): WorkflowStart => ({
  kind: 'start',
  workflowType: CONTRACT_DISCLOSURE_WORKFLOW_TYPE,
  workflowId: contractDisclosureWorkflowId(
    organisationOf(event),
    input.caseId,
    input.contractYear,
    event.metadata.eventId,
  ),
  args: [{ ...input, ...trigger(event) } satisfies ContractDisclosureInput],
});

/** Which event starts which workflow: the single place to look from an event's name. */
export const reactions = {
  CaseOpened: (event) => {
    const { caseId } = event.data;
    const input: RiskScreeningInput = { caseId, ...trigger(event) };
    return {
      kind: 'start',
      workflowType: 'riskScreeningWorkflow',
      workflowId: riskScreeningWorkflowId(organisationOf(event), caseId),
      args: [input],
    };
  },

  // The tender closes bidding at its deadline, unless the contract manager did first.
  TenderRequirementsPublished: (event) => {
    const { caseId, bidDeadline } = event.data;
    const input: TenderInput = { caseId, bidDeadline, ...trigger(event) };
    return {
      kind: 'start',
      workflowType: TENDER_WORKFLOW_TYPE,
      workflowId: tenderWorkflowId(organisationOf(event), caseId),
      args: [input],
    };
  },
  BiddingClosed: (event) => ({
    kind: 'signal',
    workflowId: tenderWorkflowId(organisationOf(event), event.data.caseId),
    signal: biddingClosedSignal.name,
    args: [],
  }),

  // Award standstill, one per award: a new award after a cancelled one gets its own workflow.
  AwardDecided: (event) => {
    const { caseId, awardId, bidId, standstillEndsAt, standstillPeriod } = event.data;
    const input: AwardStandstillInput = {
      caseId,
      awardId,
      bidId,
      standstillEndsAt,
      ...(standstillPeriod
        ? { standstillEndsAtLocal: standstillPeriod.endsAtLocal, timeZone: standstillPeriod.timeZone }
        : {}),
      ...trigger(event),
    };
    return {
      kind: 'start',
      workflowType: 'awardStandstillWorkflow',
      workflowId: awardStandstillWorkflowId(organisationOf(event), caseId, awardId),
      args: [input],
    };
  },
  ComplaintSubmitted: (event) => {
    const { caseId, complaintId, awardId } = event.data;
    if (!awardId) return undefined;
    return {
      kind: 'signal',
      workflowId: awardStandstillWorkflowId(organisationOf(event), caseId, awardId),
      signal: complaintSubmittedSignal.name,
      args: [{ complaintId }],
    };
  },
  ComplaintUpheld: complaintResolved('upheld'),
  ComplaintDismissed: complaintResolved('dismissed'),
  ComplaintWithdrawn: complaintResolved('withdrawn'),
  AwardCancelled: (event) => {
    const { caseId, complaintId, awardId } = event.data;
    return {
      kind: 'signal',
      workflowId: awardStandstillWorkflowId(organisationOf(event), caseId, awardId),
      signal: awardCancelledSignal.name,
      args: [{ complaintId }],
    };
  },

  // Contract due diligence, for the contract's whole life; the awarded bid's factories go to the registry.
  ContractSigned: (event) => {
    const { caseId, contractId, supplierId, factories } = event.data;
    const input: ContractDueDiligenceInput = { caseId, contractId, contractYear: 1, ...trigger(event) };
    return [
      {
        kind: 'start',
        workflowType: 'contractDueDiligenceWorkflow',
        workflowId: contractDueDiligenceWorkflowId(organisationOf(event), caseId),
        args: [input],
      },
      disclosure(event, { caseId, contractYear: 1, factories, contract: { contractId, supplierId } }),
    ];
  },
  // A request for documents waits for them until its deadline; silence there feeds the ladder.
  DocumentsRequested: (event) => {
    const { caseId, requestId, deadline } = event.data;
    const input: DocumentRequestInput = { caseId, requestId, deadline, ...trigger(event) };
    return {
      kind: 'start',
      workflowType: DOCUMENT_REQUEST_WORKFLOW_TYPE,
      workflowId: documentRequestWorkflowId(organisationOf(event), caseId, requestId),
      args: [input],
    };
  },
  RequestedDocumentsDisclosed: (event) => ({
    kind: 'signal',
    workflowId: documentRequestWorkflowId(organisationOf(event), event.data.caseId, event.data.requestId),
    signal: documentsDisclosedSignal.name,
    args: [],
  }),
  SupplyChainDisclosed: (event) => {
    const { caseId, contractYear, factories } = event.data;
    return disclosure(event, { caseId, contractYear, factories });
  },
  FindingRecorded: (event) => {
    const { caseId, findingId, severity } = event.data;
    if (!caseId || !isSevereFinding(severity)) return undefined;
    return {
      kind: 'signal',
      workflowId: contractDueDiligenceWorkflowId(organisationOf(event), caseId),
      signal: severeFindingSignal.name,
      args: [{ findingId, severity }],
    };
  },
  ContractClosed: contractEnded('closed'),
  ContractTerminated: contractEnded('terminated'),
  BreachConfirmed: (event) => {
    const { data } = event;
    const input: BreachEscalationInput = {
      findingId: data.findingId,
      caseId: data.caseId,
      contractorId: data.contractorId,
      ...(data.factoryId !== undefined ? { factoryId: data.factoryId } : {}),
      workersAffected: data.workersAffected,
      remedyTimetable: data.remedyTimetable,
      ...trigger(event),
    };
    return {
      kind: 'start',
      workflowType: BREACH_ESCALATION_WORKFLOW_TYPE,
      workflowId: breachEscalationWorkflowId(organisationOf(event), data.findingId),
      args: [input],
    };
  },
  // Whoever imposed it, the breach workflow of each finding it rests on lifts it once remediation is verified.
  SupplyStandstillImposed: (event) => {
    const { caseId, standstillId, factoryId } = event.data;
    const organisationId = organisationOf(event);
    // The case's cooperative contract (if it has one) refuses every participant's orders to the factory.
    const cooperative: WorkflowStart = {
      kind: 'start',
      workflowType: COOPERATIVE_STANDSTILL_WORKFLOW_TYPE,
      workflowId: cooperativeStandstillWorkflowId(organisationId, standstillId),
      args: [
        {
          caseId,
          contractKey: cooperativeContractId(organisationId, caseId),
          standstillId,
          factoryId,
          ...trigger(event),
        } satisfies CooperativeStandstillInput,
      ],
    };
    return [
      ...event.data.findingIds.map((findingId) => ({
        kind: 'signal' as const,
        workflowId: breachEscalationWorkflowId(organisationId, findingId),
        signal: standstillImposedSignal.name,
        args: [{ standstillId }],
      })),
      cooperative,
    ];
  },
  SupplyStandstillLifted: (event) => ({
    kind: 'signal',
    workflowId: cooperativeStandstillWorkflowId(organisationOf(event), event.data.standstillId),
    signal: standstillLiftedSignal.name,
    args: [],
  }),
  CooperativeContractOpened: (event) => {
    const { caseId, leadOrganisationId, firstYearEndsAt } = event.data;
    const input: CooperativeContractInput = {
      caseId,
      contractKey: cooperativeContractId(leadOrganisationId, caseId),
      contractYear: 1,
      yearEndsAt: firstYearEndsAt,
      ...trigger(event),
    };
    return {
      kind: 'start',
      workflowType: COOPERATIVE_CONTRACT_WORKFLOW_TYPE,
      workflowId: cooperativeContractWorkflowId(leadOrganisationId, caseId),
      args: [input],
    };
  },
  // An agency's order crosses the threshold: the event is the agency's, the contract and its workflow the lead's.
  FactoryVolumeThresholdCrossed: (event) => {
    const lead = parseStreamName(event.streamId)?.organisationId;
    if (!lead) return undefined;
    const { caseId, factoryId, contractYear, annualVolume, threshold } = event.data;
    return {
      kind: 'signal',
      workflowId: cooperativeContractWorkflowId(lead, caseId),
      signal: factoryThresholdCrossedSignal.name,
      args: [{ factoryId, contractYear, annualVolume, threshold }],
    };
  },
  GrievanceSubmitted: (event) => {
    const { data } = event;
    const input: GrievanceIntakeInput = {
      grievanceId: data.grievanceId,
      factoryId: data.factoryId,
      ...(data.caseId !== undefined ? { caseId: data.caseId } : {}),
      severity: data.severity,
      acknowledgeBy: data.acknowledgeBy,
      workersConcerned: data.workersConcerned,
      allegation: data.allegation,
      ...trigger(event),
    };
    return {
      kind: 'start',
      workflowType: GRIEVANCE_INTAKE_WORKFLOW_TYPE,
      workflowId: grievanceIntakeWorkflowId(organisationOf(event), data.grievanceId),
      args: [input],
    };
  },
} satisfies EventHandlers<Reacted>;

/** What the process manager does for a stored event (nothing for an event no reaction names). */
export const react = (event: RecordedEvent): Reacted => handleEvent(reactions, event);

/** What each reaction does, in words, for docs/events.md: one line per reaction, no more, no fewer. */
export const reactionSummaries: { readonly [T in keyof typeof reactions]: string } = {
  CaseOpened: 'starts riskScreeningWorkflow',
  TenderRequirementsPublished: `starts ${TENDER_WORKFLOW_TYPE}`,
  BiddingClosed: `signals biddingClosed to ${TENDER_WORKFLOW_TYPE}`,
  AwardDecided: 'starts awardStandstillWorkflow (one per award)',
  ComplaintSubmitted: 'signals complaintSubmitted to awardStandstillWorkflow (when it names an award)',
  ComplaintUpheld: 'signals complaintResolved (upheld) to awardStandstillWorkflow (when it names an award)',
  ComplaintDismissed: 'signals complaintResolved (dismissed) to awardStandstillWorkflow (when it names an award)',
  ComplaintWithdrawn: 'signals complaintResolved (withdrawn) to awardStandstillWorkflow (when it names an award)',
  AwardCancelled: 'signals awardCancelled to awardStandstillWorkflow',
  ContractSigned: `starts contractDueDiligenceWorkflow and ${CONTRACT_DISCLOSURE_WORKFLOW_TYPE} (year 1: the awarded bid's factories)`,
  DocumentsRequested: `starts ${DOCUMENT_REQUEST_WORKFLOW_TYPE} (one per request)`,
  RequestedDocumentsDisclosed: `signals documentsDisclosed to ${DOCUMENT_REQUEST_WORKFLOW_TYPE}`,
  SupplyChainDisclosed: `starts ${CONTRACT_DISCLOSURE_WORKFLOW_TYPE} (one per disclosure)`,
  FindingRecorded: 'signals severeFinding to contractDueDiligenceWorkflow (a severe finding of a case)',
  ContractClosed: 'signals contractEnded (closed) to contractDueDiligenceWorkflow',
  ContractTerminated: 'signals contractEnded (terminated) to contractDueDiligenceWorkflow',
  BreachConfirmed: `starts ${BREACH_ESCALATION_WORKFLOW_TYPE}`,
  SupplyStandstillImposed: `signals standstillImposed to ${BREACH_ESCALATION_WORKFLOW_TYPE} of each finding it rests on, and starts ${COOPERATIVE_STANDSTILL_WORKFLOW_TYPE}`,
  SupplyStandstillLifted: `signals standstillLifted to ${COOPERATIVE_STANDSTILL_WORKFLOW_TYPE}`,
  CooperativeContractOpened: `starts ${COOPERATIVE_CONTRACT_WORKFLOW_TYPE}`,
  FactoryVolumeThresholdCrossed: `signals factoryThresholdCrossed to ${COOPERATIVE_CONTRACT_WORKFLOW_TYPE} (of the lead)`,
  GrievanceSubmitted: `starts ${GRIEVANCE_INTAKE_WORKFLOW_TYPE}`,
};
