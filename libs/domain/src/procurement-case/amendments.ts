import type { Command, Event } from '../decider';
import { minorUnitDigits, moneyProblem, toMinorUnits, type Money } from '../money';
import { isBlank, requireRole } from '../roles';
import type { CaseDeciders, CaseEvolvers, Decision, InPerformance, State } from './case-decision';
import { fail, onContract, wrongPhase } from './case-decision';

// Modifications of a signed contract during its term (Directive 2014/24/EU, Art. 72), and the
// compliance plan a factory's volume under a cooperative contract makes due. An amendment names the
// legal test it relies on; one that fails its test is a substantial modification (Art. 72(4)),
// which needs a new procurement, and is refused. Sanctions are not amendments.

export const amendmentLegalBases = [
  /** Art. 72(1)(a): a clear, precise review clause in the initial procurement documents. */
  'review_clause',
  /** Art. 72(1)(b): additional supplies, works or services by the same contractor; at most 50% each. */
  'additional_supplies',
  /** Art. 72(1)(c): circumstances a diligent buyer could not foresee; at most 50% each. */
  'unforeseen_circumstances',
  /** Art. 72(2): below the EU threshold and under 10% (supplies, services) or 15% (works), cumulatively. */
  'de_minimis',
] as const;
export type AmendmentLegalBasis = (typeof amendmentLegalBases)[number];

export const legalReferences: Readonly<Record<AmendmentLegalBasis, string>> = {
  review_clause: 'Directive 2014/24/EU Art. 72(1)(a)',
  additional_supplies: 'Directive 2014/24/EU Art. 72(1)(b)',
  unforeseen_circumstances: 'Directive 2014/24/EU Art. 72(1)(c)',
  de_minimis: 'Directive 2014/24/EU Art. 72(2)',
};

export type ProcurementNature = 'supplies' | 'services' | 'works';

export interface AmendmentChanges {
  /** The change of the contract's value (negative lowers it), in the tender currency. */
  readonly value?: Money;
  /** Months the contract's duration is extended by (negative shortens it). */
  readonly durationMonths?: number;
  readonly scope?: string;
  /** The clauses changed, as they read after the amendment. */
  readonly clauses?: readonly string[];
}

export type AmendContract = Command<
  'AmendContract',
  {
    caseId: string;
    amendmentId: string;
    legalBasis: AmendmentLegalBasis;
    rationale: string;
    procurementNature: ProcurementNature;
    changes: AmendmentChanges;
    /** Art. 72(4)(a)–(d) and the 72(1)/(2) proviso: would it alter the overall nature of the contract? */
    altersOverallNature: boolean;
    /** De minimis: the EU threshold of Art. 4 that applies, in the tender currency. */
    euThreshold?: Money;
    /** Review clause: the clause of the procurement documents relied on. */
    reviewClauseRef?: string;
  }
>;

/** Sent by the cooperative-contract workflow when a factory's annual volume reaches the threshold. */
export type RequireCompliancePlanOnVolume = Command<
  'RequireCompliancePlanOnVolume',
  { caseId: string; factoryId: string; contractYear: number; annualVolume: Money; threshold: Money }
>;

export type AmendmentCommand = AmendContract | RequireCompliancePlanOnVolume;

export type ContractAmended = Event<
  'ContractAmended',
  AmendContract['data'] & {
    contractId: string;
    legalReference: string;
    initialValue: Money;
    /** Net value of this and every earlier amendment on the same basis (de minimis counts cumulatively). */
    cumulativeValueChange: Money;
    /** The value the test allowed: 50% of the initial value, or the de minimis ceiling. */
    limit?: Money;
    amendedBy: string;
    amendedAt: string;
  }
>;
export type CompliancePlanDueOnVolume = Event<
  'CompliancePlanDueOnVolume',
  RequireCompliancePlanOnVolume['data'] & { contractId: string; recordedAt: string }
>;

export type AmendmentEvent = ContractAmended | CompliancePlanDueOnVolume;

export interface RecordedAmendment {
  readonly legalBasis: AmendmentLegalBasis;
  readonly valueChangeMinor: number;
}

/** The value of the contract as awarded: the awarded bid's price, in minor units of the tender currency. */
const initialValueMinor = (state: InPerformance) =>
  toMinorUnits(state.bids[state.contract.bidId]?.price ?? 0, state.tender.currency);

function amendContract(command: AmendContract, state: State): Decision {
  if (state.status !== 'in_performance') return wrongPhase(state, 'amend the contract', ['in_performance']);
  const { metadata, data } = command;
  const notManager = requireRole(metadata, ['contract_manager'], 'amendment.contract_manager_required');
  if (notManager) return notManager;
  const amendments = state.contract.amendments ?? {};
  if (amendments[data.amendmentId])
    return fail('amendment.already_recorded', `amendment ${data.amendmentId} is recorded`);
  if (!amendmentLegalBases.includes(data.legalBasis))
    return fail('amendment.legal_basis_unknown', `the legal bases are ${amendmentLegalBases.join(', ')}`);
  if (isBlank(data.rationale)) return fail('amendment.rationale_required', 'say why the contract is modified');
  const { value, durationMonths, scope, clauses } = data.changes;
  if (value === undefined && durationMonths === undefined && scope === undefined && clauses === undefined)
    return fail('amendment.changes_required', 'name what changes: value, duration, scope or clauses');
  const currency = state.tender.currency;
  const valueProblem =
    value &&
    (moneyProblem(value, { nonNegative: false }) ??
      (value.currency !== currency ? `the contract is in ${currency}` : undefined));
  if (valueProblem) return fail('amendment.value_invalid', valueProblem);
  const money = (amountMinor: number): Money => ({ amountMinor, currency });
  const initial = initialValueMinor(state);
  const change = value?.amountMinor ?? 0;
  const cumulative =
    change +
    Object.values(amendments)
      .filter((earlier) => earlier.legalBasis === data.legalBasis)
      .reduce((sum, earlier) => sum + earlier.valueChangeMinor, 0);
  const substantial = (test: string, limit?: number) =>
    fail('amendment.substantial', `a substantial modification (Art. 72(4)) needs a new procurement: ${test}`, {
      legalBasis: data.legalBasis,
      legalReference: legalReferences[data.legalBasis],
      test,
      initialValue: money(initial),
      valueChange: money(change),
      cumulativeValueChange: money(cumulative),
      ...(limit !== undefined ? { limit: money(limit) } : {}),
    });
  if (data.altersOverallNature) return substantial('it alters the overall nature of the contract');
  let limit: number | undefined;
  switch (data.legalBasis) {
    case 'review_clause':
      if (isBlank(data.reviewClauseRef))
        return fail('amendment.review_clause_required', 'name the review clause of the procurement documents');
      break;
    case 'additional_supplies':
    case 'unforeseen_circumstances':
      // Each modification on its own: at most 50% of the initial value (Art. 72(1) second subparagraph).
      limit = Math.floor(initial / 2);
      if (change > limit) return substantial('each modification is at most 50% of the initial value', limit);
      break;
    case 'de_minimis': {
      const threshold = data.euThreshold;
      const thresholdProblem =
        threshold &&
        (moneyProblem(threshold) ?? (threshold.currency !== currency ? `the contract is in ${currency}` : undefined));
      if (!threshold || thresholdProblem)
        return fail('amendment.threshold_required', thresholdProblem ?? 'state the EU threshold that applies (Art. 4)');
      const percent = data.procurementNature === 'works' ? 15 : 10;
      // "Below" the threshold and "below" the share: the ceiling itself is too much.
      const shareCeiling = Math.ceil((initial * percent) / 100);
      limit = Math.min(threshold.amountMinor, shareCeiling);
      if (Math.abs(cumulative) >= limit)
        return substantial(
          `the net cumulative value is not below the EU threshold and ${percent}% of the initial value`,
          limit,
        );
      break;
    }
  }
  return [
    {
      type: 'ContractAmended',
      data: {
        ...data,
        contractId: state.contract.contractId,
        legalReference: legalReferences[data.legalBasis],
        initialValue: money(initial),
        cumulativeValueChange: money(cumulative),
        ...(limit !== undefined ? { limit: money(limit) } : {}),
        amendedBy: metadata.actor.id,
        amendedAt: metadata.now,
      },
    },
  ];
}

function requireCompliancePlanOnVolume(command: RequireCompliancePlanOnVolume, state: State): Decision {
  if (state.status !== 'in_performance') return wrongPhase(state, 'require a compliance plan', ['in_performance']);
  const { metadata, data } = command;
  const notWorkflow = requireRole(metadata, ['workflow'], 'compliance_plan.workflow_required');
  if (notWorkflow) return notWorkflow;
  if (state.contract.factories[data.factoryId]?.compliancePlanRef)
    return fail('compliance_plan.already_submitted', `factory ${data.factoryId} has a compliance plan`);
  return [
    {
      type: 'CompliancePlanDueOnVolume',
      data: { ...data, contractId: state.contract.contractId, recordedAt: metadata.now },
    },
  ];
}

export const amendments: CaseDeciders<AmendmentCommand['type']> = {
  AmendContract: amendContract,
  RequireCompliancePlanOnVolume: requireCompliancePlanOnVolume,
};

export const amendmentEvolvers: CaseEvolvers<AmendmentEvent['type']> = {
  ContractAmended: (state, event) =>
    onContract(state, (contract) => ({
      amendments: {
        ...contract.amendments,
        [event.data.amendmentId]: {
          legalBasis: event.data.legalBasis,
          valueChangeMinor: event.data.changes.value?.amountMinor ?? 0,
        },
      },
    })),
  // The factory joins the contract's factories at its annual volume (whole units), so a plan for it
  // is taken (SubmitCompliancePlan) and its absence is overdue at the plan year's end like any other.
  CompliancePlanDueOnVolume: (state, event) =>
    onContract(state, (contract) => {
      const { factoryId, annualVolume } = event.data;
      const annualPurchases = Math.floor(annualVolume.amountMinor / 10 ** minorUnitDigits(annualVolume.currency));
      const known = contract.factories[factoryId];
      return {
        factories: {
          ...contract.factories,
          [factoryId]: { ...known, factoryId, annualPurchases: Math.max(known?.annualPurchases ?? 0, annualPurchases) },
        },
      };
    }),
};
