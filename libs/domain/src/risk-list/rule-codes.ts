/** Every rule code the risk-list decider answers with: what a client may match a 422 on. */
export type RiskListRuleCode =
  | 'actor.read_only'
  | 'risk_list.entries_required'
  | 'risk_list.entry_invalid'
  | 'risk_list.published_on_invalid'
  | 'risk_list.role_required'
  | 'risk_list.source_required';
