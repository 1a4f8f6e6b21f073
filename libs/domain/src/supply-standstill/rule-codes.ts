/** Every rule code the supply-standstill decider answers with: what a client may match a 422 on. */
export type SupplyStandstillRuleCode =
  | 'actor.read_only'
  | 'supply_standstill.already_imposed'
  | 'supply_standstill.already_noted'
  | 'supply_standstill.compliance_officer_required'
  | 'supply_standstill.finding_not_covered'
  | 'supply_standstill.findings_required'
  | 'supply_standstill.not_in_force'
  | 'supply_standstill.reasons_required'
  | 'supply_standstill.remediation_not_verified'
  | 'supply_standstill.scope_invalid'
  | 'supply_standstill.verification_required';
