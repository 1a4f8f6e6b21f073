/** Every rule code the factory-registry decider answers with: what a client may match a 422 on. */
export type FactoryRuleCode =
  | 'actor.read_only'
  | 'factory.address_required'
  | 'factory.already_registered'
  | 'factory.annual_purchases_invalid'
  | 'factory.country_invalid'
  | 'factory.disclosure_already_recorded'
  | 'factory.name_required'
  | 'factory.not_found'
  | 'factory.tier_invalid'
  | 'factory.workers_invalid';
