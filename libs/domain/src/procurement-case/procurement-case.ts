import type { CommandMetadata, Decider } from '../decider';
import { assertNever } from '../decider';
import { addYears, isBefore } from '../calendar';
import { DomainError } from '../domain-error';
import { isBlank, refuseReadOnlyActor } from '../roles';
import type * as C from './commands';
import { escalationLadder } from './commands';
import { needsCompliancePlan, requiredDisclosureSharePercent } from './disclosure';
import { isValidDueDiligencePolicy } from './due-diligence';
import { decideDueDiligence, evolveDueDiligence, noDueDiligenceYet } from './due-diligence-decider';
import { exclusionPeriodWithinCap, latestExclusionEnd, missingSelfCleaningElements } from './exclusion';
import type { ProcurementCaseEvent } from './events';
import { legalStandstillEndsAt } from './legal-standstill';
import type { Bid, Complaint, ComplaintStatus, Contract, ProcurementCaseState, TenderFile } from './state';
import { isComplaintPending } from './state';
import { ownedStreamId } from '../stream-names';

export * from './commands';
export * from './events';
export * from './state';

// The procurement case from the buyer's policy to closure or termination: one stream per case.

export const CASE_STREAM_PREFIX = 'procurement-case-';
/** The organisation's own stream: ids are chosen by each organisation, so they are scoped to it. */
export const procurementCaseStreamId = (organisationId: string, caseId: string) =>
  ownedStreamId(CASE_STREAM_PREFIX, organisationId, caseId);

type Decision = readonly ProcurementCaseEvent[] | DomainError;
type State = ProcurementCaseState;
type WithTender = Extract<State, TenderFile>;
type InPerformance = Extract<State, { status: 'in_performance' }>;

const fail = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

function wrongPhase(state: State, action: string, expected: readonly string[]): DomainError {
  if (state.status === 'not_opened') return fail('case.not_found', 'the case has not been opened');
  return fail('case.wrong_phase', `cannot ${action} while the case is ${state.status}`, {
    status: state.status,
    expected,
  });
}

function findBid(state: TenderFile, bidId: string): Bid | DomainError {
  return state.bids[bidId] ?? fail('bid.not_found', `no bid ${bidId} in this case`, { bidId });
}

const isShare = (percent: number) => Number.isFinite(percent) && percent >= 0 && percent <= 100;

/** Excluded or rejected bids can be neither evaluated nor awarded. */
function ineligibility(bid: Bid, action: 'evaluation' | 'award'): DomainError | undefined {
  if (bid.rejected) return fail(`${action}.bid_rejected`, `bid ${bid.bidId} was rejected`, { bidId: bid.bidId });
  if (bid.exclusion)
    return fail(
      `${action}.bidder_excluded`,
      `the bidder of ${bid.bidId} is excluded until ${bid.exclusion.excludedUntil}`,
      {
        bidId: bid.bidId,
      },
    );
  return undefined;
}

const complaintTransitions: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  submitted: ['accepted', 'dismissed', 'withdrawn'],
  accepted: ['upheld', 'dismissed', 'withdrawn'],
  upheld: [],
  dismissed: [],
  withdrawn: [],
};

function moveComplaint(state: State, complaintId: string, to: ComplaintStatus): Complaint | DomainError {
  if (!('complaints' in state)) return wrongPhase(state, 'handle a complaint', ['evaluation', 'awarded']);
  const complaint = state.complaints[complaintId];
  if (!complaint) return fail('complaint.not_found', `no complaint ${complaintId} in this case`, { complaintId });
  if (!complaintTransitions[complaint.status].includes(to))
    return fail('complaint.invalid_transition', `a ${complaint.status} complaint cannot become ${to}`, {
      complaintId,
      from: complaint.status,
      to,
    });
  return complaint;
}

export function decideProcurementCase(command: C.ProcurementCaseCommand, state: State): Decision {
  const readOnly = refuseReadOnlyActor(command.metadata);
  if (readOnly) return readOnly;
  if (state.status !== 'not_opened' && command.data.caseId !== state.caseId)
    return fail('case.id_mismatch', `command is for case ${command.data.caseId}, stream holds ${state.caseId}`);
  const { now } = command.metadata;

  switch (command.type) {
    case 'OpenCase': {
      if (state.status !== 'not_opened')
        return fail('case.already_opened', `case ${command.data.caseId} is already open`);
      const { caseId, title, productCategory, countriesOfProduction } = command.data;
      if (isBlank(title)) return fail('case.title_required', 'a case needs a title');
      if (countriesOfProduction.length === 0)
        return fail('case.countries_of_production_required', 'name at least one country of production');
      return [
        {
          type: 'CaseOpened',
          data: {
            caseId,
            buyerOrganisationId: command.metadata.organisationId,
            title,
            productCategory,
            countriesOfProduction,
            openedBy: command.metadata.actor.id,
            openedAt: now,
          },
        },
      ];
    }

    case 'RecordRiskScreening': {
      if (state.status === 'not_opened')
        return fail('case.not_found', `case ${command.data.caseId} has not been opened`);
      if (state.riskLevel !== undefined)
        return fail('risk_screening.already_recorded', 'the risk screening of this case is already recorded');
      const { caseId, riskLevel, reasons } = command.data;
      return [{ type: 'RiskScreened', data: { caseId, riskLevel, reasons, screenedAt: now } }];
    }

    case 'AdoptPolicy': {
      if (state.status !== 'policy') return wrongPhase(state, 'adopt a policy', ['policy']);
      if (state.policyRef !== undefined) return fail('policy.already_adopted', 'this case already has a policy');
      if (isBlank(command.data.policyRef)) return fail('policy.reference_required', 'name the policy document');
      if (command.data.codeOfConductStandards.length === 0)
        return fail('policy.code_of_conduct_required', 'the code of conduct must name the standards it requires');
      return [
        { type: 'PolicyAdopted', data: { ...command.data, adoptedBy: command.metadata.actor.id, adoptedAt: now } },
      ];
    }

    case 'PublishTenderRequirements':
      return decidePublishTender(command, state);

    case 'SubmitBid': {
      if (state.status !== 'tendering') return wrongPhase(state, 'submit a bid', ['tendering']);
      const { bidId, supplierId, price, supplyChainDisclosure, selfDeclarations, subcontractorIds, caseId } =
        command.data;
      if (isBefore(state.tender.bidDeadline, now))
        return fail('bid.after_deadline', `bids closed at ${state.tender.bidDeadline}`, {
          bidDeadline: state.tender.bidDeadline,
        });
      if (state.bids[bidId]) return fail('bid.already_submitted', `bid ${bidId} is already on file`, { bidId });
      if (!(price > 0)) return fail('bid.price_invalid', 'a bid needs a positive price', { price });
      const share = supplyChainDisclosure.disclosedSharePercent;
      if (!isShare(share)) return fail('bid.disclosure_share_invalid', 'a disclosed share is a percentage 0–100');
      if (share < state.tender.disclosure.sharePercentAtBid)
        return fail(
          'bid.disclosure_below_threshold',
          `the bid discloses ${share}% of the supply chain; the tender requires ${state.tender.disclosure.sharePercentAtBid}%`,
          { disclosedSharePercent: share, requiredSharePercent: state.tender.disclosure.sharePercentAtBid },
        );
      return [
        {
          type: 'BidSubmitted',
          data: {
            caseId,
            bidId,
            supplierId,
            price,
            disclosedSharePercent: share,
            factories: supplyChainDisclosure.factories,
            selfDeclarations,
            subcontractorIds,
            submittedAt: now,
          },
        },
      ];
    }

    case 'CloseBidding': {
      if (state.status !== 'tendering') return wrongPhase(state, 'close bidding', ['tendering']);
      if (isBefore(now, state.tender.bidDeadline))
        return fail('bidding.deadline_not_passed', `bidding stays open until ${state.tender.bidDeadline}`);
      return [
        {
          type: 'BiddingClosed',
          data: { caseId: state.caseId, bidCount: Object.keys(state.bids).length, closedAt: now },
        },
      ];
    }

    case 'AssessExclusionGround':
      return decideExclusion(command, state);

    case 'ReplaceSubcontractor': {
      if (state.status !== 'evaluation') return wrongPhase(state, 'replace a subcontractor', ['evaluation']);
      const bid = findBid(state, command.data.bidId);
      if (bid instanceof DomainError) return bid;
      const { subcontractorId, replacementSubcontractorId } = command.data;
      if (!bid.subcontractorsToReplace.includes(subcontractorId))
        return fail('subcontractor.replacement_not_required', `subcontractor ${subcontractorId} need not be replaced`);
      if (isBlank(replacementSubcontractorId) || bid.subcontractorIds.includes(replacementSubcontractorId))
        return fail('subcontractor.replacement_invalid', 'name a new subcontractor not already in the bid');
      return [{ type: 'SubcontractorReplaced', data: { ...command.data, replacedAt: now } }];
    }

    case 'SubmitSelfCleaningEvidence': {
      if (state.status !== 'evaluation') return wrongPhase(state, 'submit self-cleaning evidence', ['evaluation']);
      const bid = findBid(state, command.data.bidId);
      if (bid instanceof DomainError) return bid;
      if (!bid.exclusion)
        return fail(
          'self_cleaning.bidder_not_excluded',
          'self-cleaning answers an exclusion; this bidder is not excluded',
        );
      if (bid.selfCleaning === 'submitted')
        return fail('self_cleaning.already_submitted', 'self-cleaning evidence is already awaiting assessment');
      return [{ type: 'SelfCleaningEvidenceSubmitted', data: { ...command.data, submittedAt: now } }];
    }

    case 'AssessSelfCleaning': {
      if (state.status !== 'evaluation') return wrongPhase(state, 'assess self-cleaning', ['evaluation']);
      const bid = findBid(state, command.data.bidId);
      if (bid instanceof DomainError) return bid;
      if (bid.selfCleaning !== 'submitted' || !bid.selfCleaningEvidence)
        return fail('self_cleaning.no_evidence_submitted', 'no self-cleaning evidence awaits assessment');
      const { caseId, bidId, reasons } = command.data;
      const decided = { caseId, bidId, reasons, decidedBy: command.metadata.actor.id, decidedAt: now };
      if (command.data.decision === 'reject') {
        if (isBlank(reasons))
          return fail('self_cleaning.reasons_required', 'rejecting self-cleaning needs reasons (Art. 57(6))');
        return [{ type: 'SelfCleaningRejected', data: decided }];
      }
      const missing = missingSelfCleaningElements(bid.selfCleaningEvidence);
      if (missing.length > 0)
        return fail('self_cleaning.evidence_incomplete', `self-cleaning evidence lacks: ${missing.join('; ')}`, {
          missing,
        });
      return [{ type: 'SelfCleaningAccepted', data: decided }];
    }

    case 'FlagAbnormallyLowBid': {
      if (state.status !== 'evaluation') return wrongPhase(state, 'flag a bid', ['evaluation']);
      const bid = findBid(state, command.data.bidId);
      if (bid instanceof DomainError) return bid;
      if (bid.lowPriceReview !== undefined)
        return fail('abnormally_low_bid.already_flagged', `bid ${bid.bidId} is already flagged`);
      if (isBlank(command.data.reasons))
        return fail('abnormally_low_bid.reasons_required', 'say why the price looks abnormally low');
      return [{ type: 'BidFlaggedAbnormallyLow', data: { ...command.data, flaggedAt: now } }];
    }

    case 'RequestLowBidExplanation': {
      if (state.status !== 'evaluation') return wrongPhase(state, 'request an explanation', ['evaluation']);
      const bid = findBid(state, command.data.bidId);
      if (bid instanceof DomainError) return bid;
      if (bid.lowPriceReview !== 'flagged')
        return fail(
          'abnormally_low_bid.not_awaiting_request',
          `bid ${bid.bidId} is not flagged and awaiting a request`,
          {
            review: bid.lowPriceReview ?? 'not_flagged',
          },
        );
      if (command.data.questions.length === 0)
        return fail('abnormally_low_bid.questions_required', 'ask the bidder at least one question');
      return [{ type: 'LowBidExplanationRequested', data: { ...command.data, requestedAt: now } }];
    }

    case 'AssessLowBidExplanation': {
      if (state.status !== 'evaluation') return wrongPhase(state, 'assess an explanation', ['evaluation']);
      const bid = findBid(state, command.data.bidId);
      if (bid instanceof DomainError) return bid;
      if (bid.lowPriceReview !== 'explanation_requested')
        return fail('abnormally_low_bid.explanation_not_requested', 'request the explanation before assessing it');
      const { caseId, bidId, explanationRef, reasons, priceLowBecauseLabourOrSocialLawNotRespected } = command.data;
      if (command.data.decision === 'accept') {
        // Art. 69(3): a price that rests on breaking labour or social law must be rejected.
        if (priceLowBecauseLabourOrSocialLawNotRespected)
          return fail(
            'abnormally_low_bid.must_reject_labour_law',
            'the price is low because labour or social law is not respected; the bid must be rejected (Art. 69(3))',
          );
        return [
          { type: 'LowBidExplanationAccepted', data: { caseId, bidId, explanationRef, reasons, decidedAt: now } },
        ];
      }
      if (isBlank(reasons)) return fail('abnormally_low_bid.reasons_required', 'rejecting a bid needs reasons');
      return [
        {
          type: 'BidRejected',
          data: {
            caseId,
            bidId,
            reason: priceLowBecauseLabourOrSocialLawNotRespected
              ? 'abnormally_low_labour_or_social_law'
              : 'abnormally_low_unexplained',
            explanationRef,
            reasons,
            decidedAt: now,
          },
        },
      ];
    }

    case 'EvaluateBid':
      return decideEvaluation(command, state);

    case 'DecideAward':
      return decideAward(command, state);

    case 'SubmitComplaint': {
      if (state.status !== 'evaluation' && state.status !== 'awarded')
        return wrongPhase(state, 'submit a complaint', ['evaluation', 'awarded']);
      if (state.complaints[command.data.complaintId])
        return fail('complaint.already_submitted', `complaint ${command.data.complaintId} is already on file`);
      if (isBlank(command.data.grounds)) return fail('complaint.grounds_required', 'a complaint states its grounds');
      return [
        { type: 'ComplaintSubmitted', data: { ...command.data, ...awardUnderStandstill(state), submittedAt: now } },
      ];
    }

    case 'AcceptComplaint': {
      const complaint = moveComplaint(state, command.data.complaintId, 'accepted');
      if (complaint instanceof DomainError) return complaint;
      return [{ type: 'ComplaintAccepted', data: { ...command.data, acceptedAt: now } }];
    }

    case 'UpholdComplaint': {
      const complaint = moveComplaint(state, command.data.complaintId, 'upheld');
      if (complaint instanceof DomainError) return complaint;
      const { caseId, complaintId, reasons, cancelAward } = command.data;
      if (isBlank(reasons)) return fail('complaint.reasons_required', 'upholding a complaint needs reasons');
      const upheld: ProcurementCaseEvent = {
        type: 'ComplaintUpheld',
        data: { caseId, complaintId, reasons, ...awardUnderStandstill(state), upheldAt: now },
      };
      if (!cancelAward) return [upheld];
      if (state.status !== 'awarded') return fail('complaint.no_award_to_cancel', 'there is no award to cancel');
      // Cancelling the award sends the case back to evaluation; bids and their evaluations stay on file.
      return [
        upheld,
        {
          type: 'AwardCancelled',
          data: {
            caseId,
            awardId: state.award.awardId,
            bidId: state.award.bidId,
            complaintId,
            reasons,
            cancelledAt: now,
          },
        },
      ];
    }

    case 'DismissComplaint': {
      const complaint = moveComplaint(state, command.data.complaintId, 'dismissed');
      if (complaint instanceof DomainError) return complaint;
      if (isBlank(command.data.reasons))
        return fail('complaint.reasons_required', 'dismissing a complaint needs reasons');
      return [
        { type: 'ComplaintDismissed', data: { ...command.data, ...awardUnderStandstill(state), dismissedAt: now } },
      ];
    }

    case 'WithdrawComplaint': {
      const complaint = moveComplaint(state, command.data.complaintId, 'withdrawn');
      if (complaint instanceof DomainError) return complaint;
      return [
        { type: 'ComplaintWithdrawn', data: { ...command.data, ...awardUnderStandstill(state), withdrawnAt: now } },
      ];
    }

    case 'RecordLegalStandstillEnded': {
      if (state.status !== 'awarded') return wrongPhase(state, 'end the legal standstill', ['awarded']);
      const { award } = state;
      if (command.data.awardId !== award.awardId)
        return fail('standstill.award_mismatch', `the award under standstill is ${award.awardId}`, {
          awardId: award.awardId,
        });
      if (award.standstillEnded) return fail('standstill.end_already_recorded', 'the standstill end is on record');
      if (isBefore(now, award.standstillEndsAt))
        return fail('standstill.not_ended', `the legal standstill runs until ${award.standstillEndsAt}`, {
          standstillEndsAt: award.standstillEndsAt,
        });
      const pending = Object.values(state.complaints).filter(isComplaintPending);
      if (pending.length > 0)
        return fail('standstill.complaint_pending', 'the standstill holds while a complaint is pending', {
          complaintIds: pending.map((complaint) => complaint.complaintId),
        });
      return [
        {
          type: 'LegalStandstillEnded',
          data: {
            caseId: state.caseId,
            awardId: award.awardId,
            bidId: award.bidId,
            standstillEndsAt: award.standstillEndsAt,
            endedAt: now,
          },
        },
      ];
    }

    case 'SignContract': {
      if (state.status !== 'awarded') return wrongPhase(state, 'sign the contract', ['awarded']);
      if (isBefore(now, state.award.standstillEndsAt))
        return fail('standstill.not_ended', `the legal standstill runs until ${state.award.standstillEndsAt}`, {
          standstillEndsAt: state.award.standstillEndsAt,
        });
      const pending = Object.values(state.complaints).filter(isComplaintPending);
      if (pending.length > 0)
        return fail('standstill.complaint_pending', 'no signature while a complaint is pending', {
          complaintIds: pending.map((complaint) => complaint.complaintId),
        });
      if (isBlank(command.data.contractId)) return fail('contract.id_required', 'name the contract');
      const bid = state.bids[state.award.bidId];
      return [
        {
          type: 'ContractSigned',
          data: {
            caseId: state.caseId,
            contractId: command.data.contractId,
            bidId: bid.bidId,
            supplierId: bid.supplierId,
            factories: bid.factories,
            disclosedSharePercent: bid.disclosedSharePercent,
            signedBy: command.metadata.actor.id,
            signedAt: now,
          },
        },
      ];
    }

    case 'BeginContractYear':
      return decideContractYear(command, state);

    case 'DiscloseSupplyChain': {
      if (state.status !== 'in_performance') return wrongPhase(state, 'disclose the supply chain', ['in_performance']);
      const { contractYear, disclosedSharePercent, factories, caseId } = command.data;
      if (contractYear !== state.contract.contractYear)
        return fail('disclosure.wrong_contract_year', `the contract is in year ${state.contract.contractYear}`, {
          contractYear: state.contract.contractYear,
        });
      if (!isShare(disclosedSharePercent))
        return fail('disclosure.share_invalid', 'a disclosed share is a percentage 0–100');
      const requiredSharePercent = requiredDisclosureSharePercent(state.tender.disclosure, contractYear);
      return [
        {
          type: 'SupplyChainDisclosed',
          data: {
            caseId,
            contractYear,
            disclosedSharePercent,
            requiredSharePercent,
            meetsRequirement: disclosedSharePercent >= requiredSharePercent,
            factories,
            disclosedAt: now,
          },
        },
      ];
    }

    case 'SubmitCompliancePlan': {
      if (state.status !== 'in_performance') return wrongPhase(state, 'submit a compliance plan', ['in_performance']);
      const { factoryId, planRef, measures, caseId } = command.data;
      if (!state.contract.factories[factoryId])
        return fail(
          'compliance_plan.factory_not_in_contract',
          `factory ${factoryId} is not disclosed under this contract`,
        );
      if (isBlank(planRef)) return fail('compliance_plan.reference_required', 'name the compliance plan');
      if (measures.length === 0)
        return fail(
          'compliance_plan.measures_required',
          'a compliance plan names how violations are investigated, mitigated and prevented',
        );
      const contractYear = state.contract.contractYear;
      return [
        {
          type: 'CompliancePlanSubmitted',
          data: {
            caseId,
            factoryId,
            planRef,
            measures,
            contractYear,
            onTime: contractYear <= state.tender.compliancePlans.dueByEndOfContractYear,
            submittedAt: now,
          },
        },
      ];
    }

    case 'RequestCompliancePlans':
    case 'IssueQuestionnaire':
    case 'SendQuestionnaireReminder':
    case 'AnswerQuestionnaire':
    case 'EscalateSupplierSilence':
    case 'CompleteDeskReview':
    case 'RequestIndependentAudit':
    case 'CheckDisclosureRatchet':
      if (state.status !== 'in_performance') return wrongPhase(state, 'carry out due diligence', ['in_performance']);
      return decideDueDiligence(command, state);

    case 'RecordKpiProgress': {
      if (state.status !== 'in_performance') return wrongPhase(state, 'record KPI progress', ['in_performance']);
      const clause = state.tender.performanceClauses.find((c) => c.clauseId === command.data.clauseId);
      if (!clause) return fail('clause.not_found', `no performance clause ${command.data.clauseId}`);
      if (clause.kind !== 'kpi')
        return fail('clause.not_a_kpi', `clause ${clause.clauseId} is a necessary step, not a KPI`);
      return [{ type: 'KpiProgressRecorded', data: { ...command.data, recordedAt: now } }];
    }

    case 'RecordClauseBreach': {
      if (state.status !== 'in_performance') return wrongPhase(state, 'record a clause breach', ['in_performance']);
      const clause = state.tender.performanceClauses.find((c) => c.clauseId === command.data.clauseId);
      if (!clause) return fail('clause.not_found', `no performance clause ${command.data.clauseId}`);
      // A KPI is worked towards; falling short is progress to record, not a breach.
      if (clause.kind === 'kpi')
        return fail('clause.kpi_cannot_be_breached', `clause ${clause.clauseId} is a KPI: record its progress instead`);
      if (Object.values(state.contract.clauseBreaches).some((ids) => ids.includes(command.data.breachId)))
        return fail('clause.breach_already_recorded', `breach ${command.data.breachId} is already recorded`);
      return [
        { type: 'PerformanceClauseBreached', data: { ...command.data, clauseKind: clause.kind, recordedAt: now } },
      ];
    }

    case 'ImposeSanction': {
      if (state.status !== 'in_performance') return wrongPhase(state, 'impose a sanction', ['in_performance']);
      const clause = state.tender.performanceClauses.find((c) => c.clauseId === command.data.clauseId);
      if (!clause) return fail('clause.not_found', `no performance clause ${command.data.clauseId}`);
      if (clause.kind === 'kpi')
        return fail(
          'sanction.kpi_not_sanctionable',
          `clause ${clause.clauseId} is a KPI and carries no sanction on its own`,
        );
      if (!(state.contract.clauseBreaches[clause.clauseId] ?? []).includes(command.data.breachId))
        return fail(
          'sanction.no_breach_recorded',
          `no breach ${command.data.breachId} of clause ${clause.clauseId} is recorded`,
        );
      if (isBlank(command.data.reasons)) return fail('sanction.reasons_required', 'a sanction needs reasons');
      return [
        { type: 'SanctionImposed', data: { ...command.data, imposedBy: command.metadata.actor.id, imposedAt: now } },
      ];
    }

    case 'EscalateBreach': {
      if (state.status !== 'in_performance') return wrongPhase(state, 'escalate a breach', ['in_performance']);
      const taken = state.contract.escalations[command.data.findingId] ?? [];
      if (taken.length === escalationLadder.length)
        return fail('escalation.ladder_complete', 'every step of the escalation ladder has been taken');
      const expected = escalationLadder[taken.length];
      if (command.data.step !== expected)
        return fail('escalation.step_out_of_order', `the next step is ${expected}, not ${command.data.step}`, {
          expected,
          requested: command.data.step,
        });
      return [
        {
          type: 'BreachEscalated',
          data: { ...command.data, escalatedBy: command.metadata.actor.id, escalatedAt: now },
        },
      ];
    }

    case 'TerminateContract':
      return decideTermination(command, state, command.metadata);

    case 'CloseContract': {
      if (state.status !== 'in_performance') return wrongPhase(state, 'close the contract', ['in_performance']);
      if (isBlank(command.data.reasons)) return fail('contract.reasons_required', 'say why the contract is closed');
      return [
        {
          type: 'ContractClosed',
          data: {
            caseId: state.caseId,
            contractId: state.contract.contractId,
            reasons: command.data.reasons,
            closedAt: now,
          },
        },
      ];
    }

    default:
      return assertNever(command);
  }
}

function decidePublishTender(command: C.PublishTenderRequirements, state: State): Decision {
  if (state.status !== 'policy') return wrongPhase(state, 'publish tender requirements', ['policy']);
  // Due diligence is sized by risk, and bidders are told the code of conduct up front (ILRF stage 1).
  if (state.riskLevel === undefined)
    return fail('tender.risk_screening_missing', 'screen the risk of the category before publishing the tender');
  if (state.policyRef === undefined)
    return fail('tender.policy_missing', 'adopt a policy and code of conduct before publishing the tender');
  const { awardCriteria, performanceClauses, legalStandstill, disclosure, compliancePlans, bidDeadline } = command.data;
  if (!isBefore(command.metadata.now, bidDeadline))
    return fail('tender.bid_deadline_in_past', 'the bid deadline must be after publication');
  const totalWeight = awardCriteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  if (awardCriteria.length === 0 || Math.abs(totalWeight - 100) > 1e-9)
    return fail('tender.award_criteria_weights', `award criteria weights must add up to 100, not ${totalWeight}`);
  if (new Set(awardCriteria.map((c) => c.criterionId)).size !== awardCriteria.length)
    return fail('tender.duplicate_criterion', 'award criteria ids must be unique');
  if (new Set(performanceClauses.map((c) => c.clauseId)).size !== performanceClauses.length)
    return fail('tender.duplicate_clause', 'performance clause ids must be unique');
  const positiveWholeDays = (days: number) => Number.isInteger(days) && days > 0;
  if (
    !positiveWholeDays(legalStandstill.electronicNoticeDays) ||
    !positiveWholeDays(legalStandstill.otherNoticeDays) ||
    !['calendar_days', 'seconds', undefined].includes(legalStandstill.periodUnit)
  )
    return fail('tender.standstill_period_invalid', 'standstill periods are whole calendar days above zero');
  if (!isShare(disclosure.sharePercentAtBid) || !(disclosure.yearlyStepPercentPoints >= 0))
    return fail('tender.disclosure_policy_invalid', 'the disclosure share is 0–100% and its yearly step not negative');
  if (!(compliancePlans.annualPurchaseThreshold >= 0) || !(compliancePlans.dueByEndOfContractYear >= 1))
    return fail('tender.compliance_plan_policy_invalid', 'the compliance-plan threshold and due year are invalid');
  if (!isValidDueDiligencePolicy(command.data.dueDiligence))
    return fail(
      'tender.due_diligence_policy_invalid',
      'the questionnaire needs whole days to answer, reminders before its deadline, and an audit method',
    );
  return [{ type: 'TenderRequirementsPublished', data: { ...command.data, publishedAt: command.metadata.now } }];
}

function decideExclusion(command: C.AssessExclusionGround, state: State): Decision {
  if (state.status !== 'evaluation') return wrongPhase(state, 'assess an exclusion ground', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  const { caseId, bidId, subject, ground, decision, reasons, excludedUntil } = command.data;
  const { now } = command.metadata;
  if (isBlank(reasons)) return fail('exclusion.reasons_required', 'an exclusion decision needs reasons, either way');
  if (ground.kind === 'mandatory') {
    if (!ground.convictionFinal)
      return fail(
        'exclusion.conviction_not_final',
        'a mandatory ground needs a conviction by final judgment (Art. 57(1))',
      );
    if (decision !== 'exclude')
      return fail('exclusion.mandatory_ground_excludes', 'a final conviction for child labour or trafficking excludes');
  }
  if (subject.kind === 'subcontractor') {
    if (!bid.subcontractorIds.includes(subject.subcontractorId))
      return fail(
        'exclusion.subcontractor_not_in_bid',
        `subcontractor ${subject.subcontractorId} is not named in bid ${bidId}`,
      );
    if (decision === 'do_not_exclude')
      return [
        {
          type: 'ExclusionGroundNotApplied',
          data: { caseId, bidId, subject, ground, reasons, decidedBy: command.metadata.actor.id, decidedAt: now },
        },
      ];
    // Art. 71(6)(b): the bidder keeps its bid but must replace the subcontractor.
    return [
      {
        type: 'SubcontractorReplacementRequired',
        data: { caseId, bidId, subcontractorId: subject.subcontractorId, ground, reasons, decidedAt: now },
      },
    ];
  }
  if (decision === 'do_not_exclude')
    return [
      {
        type: 'ExclusionGroundNotApplied',
        data: { caseId, bidId, subject, ground, reasons, decidedBy: command.metadata.actor.id, decidedAt: now },
      },
    ];
  if (bid.exclusion) return fail('exclusion.already_excluded', `the bidder of ${bidId} is already excluded`);
  if (excludedUntil === undefined)
    return fail('exclusion.period_required', 'say until when the bidder is excluded', {
      latestEnd: latestExclusionEnd(ground, now),
    });
  if (!exclusionPeriodWithinCap(ground, now, excludedUntil))
    return fail(
      'exclusion.period_exceeds_cap',
      `the exclusion may last until ${latestExclusionEnd(ground, now)} at most`,
      {
        latestEnd: latestExclusionEnd(ground, now),
        excludedUntil,
      },
    );
  return [
    {
      type: 'BidderExcluded',
      data: { caseId, bidId, ground, reasons, excludedUntil, decidedBy: command.metadata.actor.id, decidedAt: now },
    },
  ];
}

function decideEvaluation(command: C.EvaluateBid, state: State): Decision {
  if (state.status !== 'evaluation') return wrongPhase(state, 'evaluate a bid', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  const ineligible = ineligibility(bid, 'evaluation');
  if (ineligible) return ineligible;
  const { scores } = command.data;
  const criteria = state.tender.awardCriteria;
  for (const score of scores) {
    if (!criteria.some((criterion) => criterion.criterionId === score.criterionId))
      return fail('evaluation.unknown_criterion', `criterion ${score.criterionId} is not in the tender`);
    if (!(score.score >= 0 && score.score <= 100))
      return fail('evaluation.score_out_of_range', `scores run from 0 to 100, not ${score.score}`);
  }
  for (const criterion of criteria) {
    if (scores.filter((score) => score.criterionId === criterion.criterionId).length !== 1)
      return fail('evaluation.criterion_not_scored', `score criterion ${criterion.criterionId} exactly once`, {
        criterionId: criterion.criterionId,
      });
  }
  const weighted = (kinds: readonly C.AwardCriterionKind[]) =>
    criteria
      .filter((criterion) => kinds.includes(criterion.kind))
      .reduce((sum, criterion) => {
        const score = scores.find((s) => s.criterionId === criterion.criterionId)?.score ?? 0;
        return sum + (criterion.weight * score) / 100;
      }, 0);
  return [
    {
      type: 'BidEvaluated',
      data: {
        caseId: state.caseId,
        bidId: bid.bidId,
        scores,
        totalScore: weighted(['price', 'quality', 'social']),
        socialScore: weighted(['social']),
        evaluatedAt: command.metadata.now,
      },
    },
  ];
}

function decideAward(command: C.DecideAward, state: State): Decision {
  if (state.status !== 'evaluation') return wrongPhase(state, 'decide the award', ['evaluation']);
  const bid = findBid(state, command.data.bidId);
  if (bid instanceof DomainError) return bid;
  const ineligible = ineligibility(bid, 'award');
  if (ineligible) return ineligible;
  if (bid.subcontractorsToReplace.length > 0)
    return fail(
      'award.subcontractor_not_replaced',
      'a subcontractor meeting an exclusion ground must be replaced first',
      {
        subcontractorIds: bid.subcontractorsToReplace,
      },
    );
  if (bid.lowPriceReview !== undefined && bid.lowPriceReview !== 'explanation_accepted')
    return fail(
      'award.abnormally_low_unexplained',
      'an abnormally low bid needs an accepted explanation before award (Art. 69)',
      {
        review: bid.lowPriceReview,
      },
    );
  if (!bid.evaluation) return fail('award.bid_not_evaluated', `bid ${bid.bidId} has not been evaluated`);
  const better = Object.values(state.bids).filter(
    (other) =>
      !other.rejected &&
      !other.exclusion &&
      other.evaluation &&
      other.evaluation.totalScore > bid.evaluation!.totalScore,
  );
  if (better.length > 0)
    return fail('award.not_most_economically_advantageous', 'another eligible bid scored higher', {
      higherBidIds: better.map((other) => other.bidId),
    });
  if (isBlank(command.data.reasons)) return fail('award.reasons_required', 'an award decision states its reasons');
  const { now } = command.metadata;
  return [
    {
      type: 'AwardDecided',
      data: {
        caseId: state.caseId,
        awardId: `award-${(state.awardsDecided ?? 0) + 1}`,
        bidId: bid.bidId,
        supplierId: bid.supplierId,
        noticeMeans: command.data.noticeMeans,
        reasons: command.data.reasons,
        notifiedAt: now,
        standstillEndsAt: legalStandstillEndsAt(state.tender.legalStandstill, command.data.noticeMeans, now),
        decidedBy: command.metadata.actor.id,
      },
    },
  ];
}

function decideContractYear(command: C.BeginContractYear, state: State): Decision {
  if (state.status !== 'in_performance') return wrongPhase(state, 'begin a contract year', ['in_performance']);
  const { contract, tender } = state;
  const { now } = command.metadata;
  if (command.data.contractYear !== contract.contractYear + 1)
    return fail('contract_year.out_of_order', `the next contract year is ${contract.contractYear + 1}`);
  const due = addYears(contract.contractYearBeganAt, 1);
  if (isBefore(now, due))
    return fail('contract_year.not_due', `contract year ${contract.contractYear} runs until ${due}`);
  const events: ProcurementCaseEvent[] = [];
  if (contract.contractYear === tender.compliancePlans.dueByEndOfContractYear) {
    const missing = Object.values(contract.factories)
      .filter((factory) => needsCompliancePlan(tender.compliancePlans, factory) && !factory.compliancePlanRef)
      .map((factory) => factory.factoryId);
    if (missing.length > 0)
      events.push({
        type: 'CompliancePlansOverdue',
        data: { caseId: state.caseId, contractYear: contract.contractYear, factoryIds: missing, recordedAt: now },
      });
  }
  events.push({
    type: 'ContractYearBegan',
    data: {
      caseId: state.caseId,
      contractYear: command.data.contractYear,
      requiredDisclosureSharePercent: requiredDisclosureSharePercent(tender.disclosure, command.data.contractYear),
      beganAt: now,
    },
  });
  return events;
}

function decideTermination(command: C.TerminateContract, state: State, metadata: CommandMetadata): Decision {
  if (state.status !== 'in_performance') return wrongPhase(state, 'terminate the contract', ['in_performance']);
  // Never automatic: a workflow may propose, only a compliance officer decides.
  if (metadata.actor.role !== 'compliance_officer')
    return fail('termination.compliance_officer_required', 'only a compliance officer can decide termination', {
      role: metadata.actor.role,
    });
  const { reasons, findingId, urgencyJustification } = command.data;
  if (isBlank(reasons)) return fail('termination.reasons_required', 'termination needs reasons');
  const ladderFollowed =
    findingId !== undefined && (state.contract.escalations[findingId] ?? []).length === escalationLadder.length;
  if (!ladderFollowed && isBlank(urgencyJustification))
    return fail(
      'termination.escalation_ladder_incomplete',
      'termination is a last resort: follow the escalation ladder or record why it is urgent',
      { ladder: escalationLadder, taken: findingId ? (state.contract.escalations[findingId] ?? []) : [] },
    );
  return [
    {
      type: 'ContractTerminated',
      data: {
        caseId: state.caseId,
        contractId: state.contract.contractId,
        reasons,
        ...(findingId !== undefined ? { findingId } : {}),
        ...(!isBlank(urgencyJustification) ? { urgencyJustification } : {}),
        decidedBy: metadata.actor.id,
        decidedByRole: metadata.actor.role,
        terminatedAt: metadata.now,
      },
    },
  ];
}

// --- evolve -------------------------------------------------------------------------------

function updateBid(state: WithTender, bidId: string, change: (bid: Bid) => Partial<Bid>): State {
  const bid = state.bids[bidId];
  if (!bid) return state;
  return { ...state, bids: { ...state.bids, [bidId]: { ...bid, ...change(bid) } } };
}

function updateContract(state: InPerformance, change: (contract: Contract) => Partial<Contract>): State {
  return { ...state, contract: { ...state.contract, ...change(state.contract) } };
}

function setComplaintStatus(state: State, complaintId: string, status: ComplaintStatus): State {
  if (!('complaints' in state)) return state;
  const complaint = state.complaints[complaintId];
  if (!complaint) return state;
  return { ...state, complaints: { ...state.complaints, [complaintId]: { ...complaint, status } } };
}

const hasTender = (state: State): state is WithTender => 'tender' in state;

/** Complaint events name the award whose signature they hold back, so its workflow hears of them. */
const awardUnderStandstill = (state: State): { awardId?: string } =>
  state.status === 'awarded' ? { awardId: state.award.awardId } : {};

export function evolveProcurementCase(state: State, event: ProcurementCaseEvent): State {
  switch (event.type) {
    case 'CaseOpened':
      return {
        status: 'policy',
        caseId: event.data.caseId,
        buyerOrganisationId: event.data.buyerOrganisationId,
        title: event.data.title,
        productCategory: event.data.productCategory,
        countriesOfProduction: event.data.countriesOfProduction,
      };
    case 'RiskScreened':
      return state.status === 'not_opened' ? state : { ...state, riskLevel: event.data.riskLevel };
    case 'PolicyAdopted':
      return state.status === 'not_opened' ? state : { ...state, policyRef: event.data.policyRef };
    case 'TenderRequirementsPublished': {
      if (state.status !== 'policy') return state;
      const { caseId: _caseId, publishedAt: _publishedAt, ...tender } = event.data;
      return { ...state, status: 'tendering', tender, bids: {}, complaints: {} };
    }
    case 'BidSubmitted': {
      if (!hasTender(state)) return state;
      const { caseId: _caseId, submittedAt: _submittedAt, ...bid } = event.data;
      return {
        ...state,
        bids: { ...state.bids, [bid.bidId]: { ...bid, rejected: false, subcontractorsToReplace: [] } },
      };
    }
    case 'BiddingClosed':
      return state.status === 'tendering' ? { ...state, status: 'evaluation' } : state;
    case 'BidderExcluded':
      return hasTender(state)
        ? updateBid(state, event.data.bidId, () => ({
            exclusion: { ground: event.data.ground, excludedUntil: event.data.excludedUntil },
          }))
        : state;
    case 'ExclusionGroundNotApplied':
      return state;
    case 'SubcontractorReplacementRequired':
      return hasTender(state)
        ? updateBid(state, event.data.bidId, (bid) => ({
            subcontractorsToReplace: [...bid.subcontractorsToReplace, event.data.subcontractorId],
          }))
        : state;
    case 'SubcontractorReplaced':
      return hasTender(state)
        ? updateBid(state, event.data.bidId, (bid) => ({
            subcontractorIds: [
              ...bid.subcontractorIds.filter((id) => id !== event.data.subcontractorId),
              event.data.replacementSubcontractorId,
            ],
            subcontractorsToReplace: bid.subcontractorsToReplace.filter((id) => id !== event.data.subcontractorId),
          }))
        : state;
    case 'SelfCleaningEvidenceSubmitted':
      return hasTender(state)
        ? updateBid(state, event.data.bidId, () => ({
            selfCleaning: 'submitted',
            selfCleaningEvidence: event.data.evidence,
          }))
        : state;
    case 'SelfCleaningAccepted':
      // Accepted self-cleaning is the only way an exclusion is lifted (Art. 57(6)).
      return hasTender(state)
        ? updateBid(state, event.data.bidId, () => ({ selfCleaning: 'accepted', exclusion: undefined }))
        : state;
    case 'SelfCleaningRejected':
      return hasTender(state) ? updateBid(state, event.data.bidId, () => ({ selfCleaning: 'rejected' })) : state;
    case 'BidFlaggedAbnormallyLow':
      return hasTender(state) ? updateBid(state, event.data.bidId, () => ({ lowPriceReview: 'flagged' })) : state;
    case 'LowBidExplanationRequested':
      return hasTender(state)
        ? updateBid(state, event.data.bidId, () => ({ lowPriceReview: 'explanation_requested' }))
        : state;
    case 'LowBidExplanationAccepted':
      return hasTender(state)
        ? updateBid(state, event.data.bidId, () => ({ lowPriceReview: 'explanation_accepted' }))
        : state;
    case 'BidRejected':
      return hasTender(state) ? updateBid(state, event.data.bidId, () => ({ rejected: true })) : state;
    case 'BidEvaluated':
      return hasTender(state)
        ? updateBid(state, event.data.bidId, () => ({
            evaluation: { totalScore: event.data.totalScore, socialScore: event.data.socialScore },
          }))
        : state;
    case 'AwardDecided': {
      if (state.status !== 'evaluation') return state;
      const { awardId, bidId, supplierId, noticeMeans, notifiedAt, standstillEndsAt } = event.data;
      return {
        ...state,
        status: 'awarded',
        awardsDecided: (state.awardsDecided ?? 0) + 1,
        award: { awardId, bidId, supplierId, noticeMeans, notifiedAt, standstillEndsAt },
      };
    }
    case 'ComplaintSubmitted': {
      if (!hasTender(state)) return state;
      const { complaintId, complainant } = event.data;
      return {
        ...state,
        complaints: { ...state.complaints, [complaintId]: { complaintId, complainant, status: 'submitted' } },
      };
    }
    case 'ComplaintAccepted':
      return setComplaintStatus(state, event.data.complaintId, 'accepted');
    case 'ComplaintUpheld':
      return setComplaintStatus(state, event.data.complaintId, 'upheld');
    case 'ComplaintDismissed':
      return setComplaintStatus(state, event.data.complaintId, 'dismissed');
    case 'ComplaintWithdrawn':
      return setComplaintStatus(state, event.data.complaintId, 'withdrawn');
    case 'AwardCancelled': {
      if (state.status !== 'awarded') return state;
      const { award: _award, ...rest } = state;
      return { ...rest, status: 'evaluation' };
    }
    case 'LegalStandstillEnded':
      return state.status === 'awarded' ? { ...state, award: { ...state.award, standstillEnded: true } } : state;
    case 'ContractSigned': {
      if (state.status !== 'awarded') return state;
      const { contractId, bidId, supplierId, signedAt, disclosedSharePercent, factories } = event.data;
      return {
        ...state,
        status: 'in_performance',
        contract: {
          contractId,
          bidId,
          supplierId,
          signedAt,
          contractYear: 1,
          contractYearBeganAt: signedAt,
          disclosedSharePercent,
          factories: Object.fromEntries(factories.map((factory) => [factory.factoryId, { ...factory }])),
          clauseBreaches: {},
          escalations: {},
          dueDiligence: noDueDiligenceYet,
        },
      };
    }
    case 'ContractYearBegan':
      return state.status === 'in_performance'
        ? updateContract(state, () => ({
            contractYear: event.data.contractYear,
            contractYearBeganAt: event.data.beganAt,
          }))
        : state;
    case 'CompliancePlansOverdue':
      return state;
    case 'SupplyChainDisclosed':
      return state.status === 'in_performance'
        ? updateContract(state, (contract) => ({
            disclosedSharePercent: event.data.disclosedSharePercent,
            factories: {
              ...contract.factories,
              ...Object.fromEntries(
                event.data.factories.map((factory) => [
                  factory.factoryId,
                  { ...contract.factories[factory.factoryId], ...factory },
                ]),
              ),
            },
          }))
        : state;
    case 'CompliancePlanSubmitted':
      return state.status === 'in_performance'
        ? updateContract(state, (contract) => {
            const factory = contract.factories[event.data.factoryId];
            if (!factory) return {};
            return {
              factories: {
                ...contract.factories,
                [factory.factoryId]: { ...factory, compliancePlanRef: event.data.planRef },
              },
            };
          })
        : state;
    case 'CompliancePlansDue':
    case 'QuestionnaireIssued':
    case 'QuestionnaireReminderSent':
    case 'QuestionnaireAnswered':
    case 'SupplierSilenceEscalated':
    case 'DeskReviewCompleted':
    case 'IndependentAuditRequested':
    case 'DisclosureRatchetChecked':
      return state.status === 'in_performance'
        ? updateContract(state, (contract) => ({ dueDiligence: evolveDueDiligence(contract.dueDiligence, event) }))
        : state;
    case 'KpiProgressRecorded':
      return state;
    case 'PerformanceClauseBreached':
      return state.status === 'in_performance'
        ? updateContract(state, (contract) => ({
            clauseBreaches: {
              ...contract.clauseBreaches,
              [event.data.clauseId]: [...(contract.clauseBreaches[event.data.clauseId] ?? []), event.data.breachId],
            },
          }))
        : state;
    case 'SanctionImposed':
      return state;
    case 'BreachEscalated':
      return state.status === 'in_performance'
        ? updateContract(state, (contract) => ({
            escalations: {
              ...contract.escalations,
              [event.data.findingId]: [...(contract.escalations[event.data.findingId] ?? []), event.data.step],
            },
          }))
        : state;
    case 'ContractTerminated':
      return state.status === 'in_performance' ? { ...state, status: 'terminated' } : state;
    case 'ContractClosed':
      return state.status === 'in_performance' ? { ...state, status: 'closed' } : state;
    default:
      return assertNever(event);
  }
}

export const procurementCase: Decider<ProcurementCaseState, C.ProcurementCaseCommand, ProcurementCaseEvent> = {
  initialState: () => ({ status: 'not_opened' }),
  decide: decideProcurementCase,
  evolve: evolveProcurementCase,
};
