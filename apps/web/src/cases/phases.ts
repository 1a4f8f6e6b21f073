import type { components } from '../api/schema';

export type Phase = components['schemas']['CaseCard']['phase'];

/** The phases of a case in journey order, in words. */
export const PHASES: readonly { value: Phase; label: string }[] = [
  { value: 'policy', label: 'Policy' },
  { value: 'tendering', label: 'Tendering' },
  { value: 'evaluation', label: 'Evaluation' },
  { value: 'awarded', label: 'Awarded' },
  { value: 'in_performance', label: 'In performance' },
  { value: 'closed', label: 'Closed' },
  { value: 'terminated', label: 'Terminated' },
];

export const phaseLabel = (phase: string) => PHASES.find((p) => p.value === phase)?.label ?? phase;
