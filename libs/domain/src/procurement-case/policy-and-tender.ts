import { isBefore } from '../calendar';
import { isBlank } from '../roles';
import type * as C from './commands';
import { isValidAbnormallyLowPricePolicy } from './abnormally-low-price';
import { isValidDueDiligencePolicy } from './due-diligence';
import type { CaseDeciders, CaseEvolvers, Decision, State } from './case-decision';
import { fail, isShare, wrongPhase } from './case-decision';

// Stage 1, demand compliance: the case is opened, its risk screened, a policy adopted and the tender published.

function openCase(command: C.OpenCase, state: State): Decision {
  if (state.status !== 'not_opened') return fail('case.already_opened', `case ${command.data.caseId} is already open`);
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
        openedAt: command.metadata.now,
      },
    },
  ];
}

function recordRiskScreening(command: C.RecordRiskScreening, state: State): Decision {
  if (state.status === 'not_opened') return fail('case.not_found', `case ${command.data.caseId} has not been opened`);
  if (state.riskLevel !== undefined)
    return fail('risk_screening.already_recorded', 'the risk screening of this case is already recorded');
  const { caseId, riskLevel, reasons } = command.data;
  return [{ type: 'RiskScreened', data: { caseId, riskLevel, reasons, screenedAt: command.metadata.now } }];
}

function adoptPolicy(command: C.AdoptPolicy, state: State): Decision {
  if (state.status !== 'policy') return wrongPhase(state, 'adopt a policy', ['policy']);
  if (state.policyRef !== undefined) return fail('policy.already_adopted', 'this case already has a policy');
  if (isBlank(command.data.policyRef)) return fail('policy.reference_required', 'name the policy document');
  if (command.data.codeOfConductStandards.length === 0)
    return fail('policy.code_of_conduct_required', 'the code of conduct must name the standards it requires');
  return [
    {
      type: 'PolicyAdopted',
      data: { ...command.data, adoptedBy: command.metadata.actor.id, adoptedAt: command.metadata.now },
    },
  ];
}

function publishTenderRequirements(command: C.PublishTenderRequirements, state: State): Decision {
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
  const { abnormallyLowPrice } = command.data;
  if (abnormallyLowPrice !== undefined && !isValidAbnormallyLowPricePolicy(abnormallyLowPrice))
    return fail(
      'tender.abnormally_low_price_policy_invalid',
      'the abnormally-low threshold is a percentage between 0 and 100, the minimum wage above zero',
    );
  return [{ type: 'TenderRequirementsPublished', data: { ...command.data, publishedAt: command.metadata.now } }];
}

export const policyAndTender: CaseDeciders<
  'OpenCase' | 'RecordRiskScreening' | 'AdoptPolicy' | 'PublishTenderRequirements'
> = {
  OpenCase: openCase,
  RecordRiskScreening: recordRiskScreening,
  AdoptPolicy: adoptPolicy,
  PublishTenderRequirements: publishTenderRequirements,
};

export const policyAndTenderEvolvers: CaseEvolvers<
  'CaseOpened' | 'RiskScreened' | 'PolicyAdopted' | 'TenderRequirementsPublished'
> = {
  CaseOpened: (_state, event) => ({
    status: 'policy',
    caseId: event.data.caseId,
    buyerOrganisationId: event.data.buyerOrganisationId,
    title: event.data.title,
    productCategory: event.data.productCategory,
    countriesOfProduction: event.data.countriesOfProduction,
  }),
  RiskScreened: (state, event) =>
    state.status === 'not_opened' ? state : { ...state, riskLevel: event.data.riskLevel },
  PolicyAdopted: (state, event) =>
    state.status === 'not_opened' ? state : { ...state, policyRef: event.data.policyRef },
  TenderRequirementsPublished: (state, event) => {
    if (state.status !== 'policy') return state;
    const { caseId: _caseId, publishedAt: _publishedAt, ...tender } = event.data;
    return { ...state, status: 'tendering', tender, bids: {}, complaints: {} };
  },
};
