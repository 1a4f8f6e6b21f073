/** Every rule code the purchasing-practice review decider answers with: what a client may match a 422 on. */
export type PurchasingPracticeReviewRuleCode =
  | 'actor.read_only'
  | 'purchasing_practice.adjustment_incomplete'
  | 'purchasing_practice.already_opened'
  | 'purchasing_practice.concluded'
  | 'purchasing_practice.conclusion_required'
  | 'purchasing_practice.finding_not_in_review'
  | 'purchasing_practice.findings_required'
  | 'purchasing_practice.link_not_addressed'
  | 'purchasing_practice.not_found'
  | 'purchasing_practice.observation_required'
  | 'purchasing_practice.practice_not_linked';
