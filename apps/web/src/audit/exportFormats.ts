import type { operations } from '../api/schema';

export type ExportFormat = NonNullable<
  NonNullable<operations['AuditController_exportCase']['parameters']['query']>['format']
>;

/** The export formats, in words (docs/audit.md, Export). */
export const EXPORT_FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'jsonl', label: 'JSON Lines (every event, with its hash chain)' },
  { value: 'ocds-release-package', label: 'OCDS release package' },
  { value: 'ocds-record-package', label: 'OCDS record package' },
];
