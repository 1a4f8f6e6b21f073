import type { components } from '../api/schema';

type Obligation = components['schemas']['ObligationView'];

/** What a supplier owes, in words. */
export const OBLIGATION_KINDS: Readonly<Record<Obligation['kind'], string>> = {
  questionnaire: 'Questionnaire',
  compliance_plan: 'Compliance plan',
  supply_chain_disclosure: 'Supply-chain disclosure',
  corrective_action_plan: 'Corrective action plan',
  low_bid_explanation: 'Explanation of a low bid',
  document_request: 'Documents requested',
};

export const QUESTIONNAIRE_STATUS: Readonly<Record<string, string>> = {
  issued: 'to answer',
  answered: 'answered',
  supplier_silent: 'deadline passed unanswered',
};

/** A date and time as the reader's browser writes it; a dash for none. */
export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

/** A date only. */
export const day = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleDateString() : '—');

/** A native date input's value (YYYY-MM-DD) as the ISO instant the API takes; left as typed when not a date. */
export const isoDay = (value: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);

/** Where on this app an obligation is fulfilled; null when it has no screen here yet. */
export function screenFor(obligation: Obligation): string | null {
  switch (obligation.kind) {
    case 'questionnaire':
      return `/supplier/questionnaires/${encodeURIComponent(obligation.subjectId)}`;
    case 'corrective_action_plan':
      return `/supplier/findings/${encodeURIComponent(obligation.subjectId)}/plan`;
    default:
      return null;
  }
}
