import type { components } from '../api/schema';

type Finding = components['schemas']['RecordFindingDto'];
type Evidence = components['schemas']['AddFindingEvidenceDto'];

/** Finding statuses in words. */
export const FINDING_STATUS: Readonly<Record<string, string>> = {
  reported: 'reported',
  dismissed: 'dismissed',
  breach_confirmed: 'breach confirmed',
  corrective_action: 'corrective action',
  remediation_verified: 'remediation verified',
  breach_closed: 'breach closed',
};

export const SOURCES: readonly { value: Finding['source']; label: string }[] = [
  { value: 'worker_driven_monitor', label: 'Worker-driven monitoring' },
  { value: 'social_audit', label: 'Social audit' },
  { value: 'ngo_report', label: 'NGO report' },
  { value: 'media_report', label: 'Media report' },
  { value: 'grievance', label: 'Grievance' },
];

export const SEVERITIES: readonly { value: Finding['severity']; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];

export const EVIDENCE_KINDS: readonly { value: Evidence['kind']; label: string }[] = [
  { value: 'monitoring_report', label: 'Monitoring report' },
  { value: 'worker_testimony', label: 'Worker testimony' },
  { value: 'audit_report', label: 'Audit report' },
  { value: 'contractor_documents', label: 'Contractor documents' },
  { value: 'other', label: 'Other' },
];
