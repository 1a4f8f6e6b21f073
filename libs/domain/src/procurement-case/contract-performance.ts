import { addYears, isBefore } from '../calendar';
import { isBlank } from '../roles';
import type * as C from './commands';
import { escalationLadder } from './commands';
import { needsCompliancePlan, requiredDisclosureSharePercent } from './disclosure';
import type { DueDiligenceCommand, DueDiligenceEvent } from './due-diligence-decider';
import { dueDiligence, dueDiligenceEvolvers } from './due-diligence-decider';
import type { ProcurementCaseEvent } from './events';
import type { CaseDeciders, CaseEvolvers, Decision, State } from './case-decision';
import { fail, isShare, onContract, unchanged, wrongPhase } from './case-decision';

// Stage 4, contract performance: contract years, the disclosure ratchet, compliance plans, due diligence,
// performance clauses (KPIs and necessary steps), sanctions and the escalation ladder.

function beginContractYear(command: C.BeginContractYear, state: State): Decision {
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

function discloseSupplyChain(command: C.DiscloseSupplyChain, state: State): Decision {
  const { now } = command.metadata;
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

function submitCompliancePlan(command: C.SubmitCompliancePlan, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'in_performance') return wrongPhase(state, 'submit a compliance plan', ['in_performance']);
  const { factoryId, planRef, measures, caseId } = command.data;
  if (!state.contract.factories[factoryId])
    return fail('compliance_plan.factory_not_in_contract', `factory ${factoryId} is not disclosed under this contract`);
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

function recordKpiProgress(command: C.RecordKpiProgress, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'in_performance') return wrongPhase(state, 'record KPI progress', ['in_performance']);
  const clause = state.tender.performanceClauses.find((c) => c.clauseId === command.data.clauseId);
  if (!clause) return fail('clause.not_found', `no performance clause ${command.data.clauseId}`);
  if (clause.kind !== 'kpi')
    return fail('clause.not_a_kpi', `clause ${clause.clauseId} is a necessary step, not a KPI`);
  return [{ type: 'KpiProgressRecorded', data: { ...command.data, recordedAt: now } }];
}

function recordClauseBreach(command: C.RecordClauseBreach, state: State): Decision {
  const { now } = command.metadata;
  if (state.status !== 'in_performance') return wrongPhase(state, 'record a clause breach', ['in_performance']);
  const clause = state.tender.performanceClauses.find((c) => c.clauseId === command.data.clauseId);
  if (!clause) return fail('clause.not_found', `no performance clause ${command.data.clauseId}`);
  // A KPI is worked towards; falling short is progress to record, not a breach.
  if (clause.kind === 'kpi')
    return fail('clause.kpi_cannot_be_breached', `clause ${clause.clauseId} is a KPI: record its progress instead`);
  if (Object.values(state.contract.clauseBreaches).some((ids) => ids.includes(command.data.breachId)))
    return fail('clause.breach_already_recorded', `breach ${command.data.breachId} is already recorded`);
  return [{ type: 'PerformanceClauseBreached', data: { ...command.data, clauseKind: clause.kind, recordedAt: now } }];
}

function imposeSanction(command: C.ImposeSanction, state: State): Decision {
  const { now } = command.metadata;
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
  return [{ type: 'SanctionImposed', data: { ...command.data, imposedBy: command.metadata.actor.id, imposedAt: now } }];
}

function escalateBreach(command: C.EscalateBreach, state: State): Decision {
  const { now } = command.metadata;
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

export const contractPerformance: CaseDeciders<
  | 'BeginContractYear'
  | 'DiscloseSupplyChain'
  | 'SubmitCompliancePlan'
  | DueDiligenceCommand['type']
  | 'RecordKpiProgress'
  | 'RecordClauseBreach'
  | 'ImposeSanction'
  | 'EscalateBreach'
> = {
  BeginContractYear: beginContractYear,
  DiscloseSupplyChain: discloseSupplyChain,
  SubmitCompliancePlan: submitCompliancePlan,
  // The contract-due-diligence workflow's commands (and the supplier's answers), in their own file.
  ...dueDiligence,
  RecordKpiProgress: recordKpiProgress,
  RecordClauseBreach: recordClauseBreach,
  ImposeSanction: imposeSanction,
  EscalateBreach: escalateBreach,
};

export const contractPerformanceEvolvers: CaseEvolvers<
  | 'ContractYearBegan'
  | 'CompliancePlansOverdue'
  | 'SupplyChainDisclosed'
  | 'CompliancePlanSubmitted'
  | DueDiligenceEvent['type']
  | 'KpiProgressRecorded'
  | 'PerformanceClauseBreached'
  | 'SanctionImposed'
  | 'BreachEscalated'
> = {
  ContractYearBegan: (state, event) =>
    onContract(state, () => ({ contractYear: event.data.contractYear, contractYearBeganAt: event.data.beganAt })),
  CompliancePlansOverdue: unchanged,
  SupplyChainDisclosed: (state, event) =>
    onContract(state, (contract) => ({
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
    })),
  CompliancePlanSubmitted: (state, event) =>
    onContract(state, (contract) => {
      const factory = contract.factories[event.data.factoryId];
      if (!factory) return {};
      return {
        factories: {
          ...contract.factories,
          [factory.factoryId]: { ...factory, compliancePlanRef: event.data.planRef },
        },
      };
    }),
  ...dueDiligenceEvolvers,
  KpiProgressRecorded: unchanged,
  PerformanceClauseBreached: (state, event) =>
    onContract(state, (contract) => ({
      clauseBreaches: {
        ...contract.clauseBreaches,
        [event.data.clauseId]: [...(contract.clauseBreaches[event.data.clauseId] ?? []), event.data.breachId],
      },
    })),
  SanctionImposed: unchanged,
  BreachEscalated: (state, event) =>
    onContract(state, (contract) => ({
      escalations: {
        ...contract.escalations,
        [event.data.findingId]: [...(contract.escalations[event.data.findingId] ?? []), event.data.step],
      },
    })),
};
