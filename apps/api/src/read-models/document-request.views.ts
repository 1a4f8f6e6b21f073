import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, instant, json, text } from './lists/list-spec';

// Requests for documents under a case's contract (issue 12 item 8). Documents disclosed under a
// non-disclosure agreement never appear here: they are read from their own endpoint, by compliance
// officers and auditors only, and each read is recorded.

export const DOCUMENT_REQUEST_STATUSES = ['requested', 'disclosed', 'unanswered'] as const;

const requestedExample = [
  { kind: 'audit_report', description: 'latest social audit of f-shenzhen-1' },
  { kind: 'supplier_list', description: 'tier-2 suppliers' },
];
const disclosedExample = [{ documentRef: 'audit-2026-01', kind: 'audit_report', title: 'Social audit, January 2026' }];

/** A request for documents and where it stands; the documents themselves only when not confidential. */
export class DocumentRequestView {
  @ApiProperty({ example: 'docs-2026-03' }) requestId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'scc-dell-2026' }) contractId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ example: requestedExample }) requestedDocuments!: unknown;
  @ApiProperty({ example: '2026-03-16T17:00:00.000Z' }) deadline!: string;
  @ApiProperty({ enum: DOCUMENT_REQUEST_STATUSES, example: 'disclosed' }) status!: string;
  @ApiProperty({ example: 'officer-anna' }) requestedBy!: string;
  @ApiProperty({ example: '2026-03-02T09:00:00.000Z' }) requestedAt!: string;
  @ApiPropertyOptional({
    description: 'Disclosed under a non-disclosure agreement: the documents are withheld here',
    example: false,
    nullable: true,
    type: Boolean,
  })
  confidential!: boolean | null;
  @ApiPropertyOptional({
    description: 'The documents disclosed; null while none are, or when they are confidential',
    example: disclosedExample,
    nullable: true,
  })
  documents!: unknown;
  @ApiPropertyOptional({ example: '2026-03-10T11:00:00.000Z', nullable: true, type: String }) disclosedAt!:
    string | null;
  @ApiPropertyOptional({ example: true, nullable: true, type: Boolean }) onTime!: boolean | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) unansweredAt!: string | null;
}

/** A boolean that is null until set (the list fields have no nullable flag). */
const nullableFlag = (sql: string) => json<boolean | null>(`to_json(${sql})`);

export const documentRequestList = defineList<DocumentRequestView, { caseId?: string; status?: string }>({
  name: 'document-requests',
  from: 'rm_document_requests',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    requestId: text('request_id'),
    caseId: text('case_id'),
    contractId: text('contract_id'),
    supplierId: text('supplier_id'),
    requestedDocuments: json('requested_documents'),
    deadline: instant('deadline'),
    status: text('status'),
    requestedBy: text('requested_by'),
    requestedAt: instant('requested_at'),
    confidential: nullableFlag('confidential'),
    // Withheld when confidential: those are read from the NDA documents endpoint only.
    documents: json('CASE WHEN confidential THEN NULL ELSE documents END'),
    disclosedAt: instant('disclosed_at', { nullable: true }),
    onTime: nullableFlag('on_time'),
    unansweredAt: instant('unanswered_at', { nullable: true }),
  },
  // Request ids are a case's own: the case breaks ties between two cases' docs-1.
  id: text(`case_id || ' ' || request_id`),
  sorts: ['requestedAt', 'deadline'],
  defaultSort: '-requestedAt',
  where: ({ caseId, status }, bind) => [caseId && `case_id = ${bind(caseId)}`, status && `status = ${bind(status)}`],
  parties: { supplier: (supplierId, bind) => `supplier_id = ${bind(supplierId)}` },
});

export class ListDocumentRequestsParams extends ListParams(documentRequestList) {
  @ApiPropertyOptional({ enum: DOCUMENT_REQUEST_STATUSES, example: 'requested' })
  @IsOptional()
  @IsIn(DOCUMENT_REQUEST_STATUSES)
  status?: (typeof DOCUMENT_REQUEST_STATUSES)[number];
}

export class DocumentRequestPage extends PageOf(DocumentRequestView) {}

/** Documents disclosed under a non-disclosure agreement, as compliance officers and auditors read them. */
export class ConfidentialDocumentsView {
  @ApiProperty({ example: 'docs-2026-03' }) requestId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ example: disclosedExample }) documents!: unknown;
  @ApiProperty({ example: 'dell-compliance-1' }) disclosedBy!: string;
  @ApiProperty({ example: '2026-03-10T11:00:00.000Z' }) disclosedAt!: string;
}

/** Only the requests whose documents were disclosed under a non-disclosure agreement. */
export const confidentialDocumentsList = defineList<ConfidentialDocumentsView, { caseId?: string }>({
  name: 'nda-documents',
  from: 'rm_document_requests',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    requestId: text('request_id'),
    caseId: text('case_id'),
    supplierId: text('supplier_id'),
    documents: json('documents'),
    disclosedBy: text('disclosed_by'),
    disclosedAt: instant('disclosed_at'),
  },
  id: text(`case_id || ' ' || request_id`),
  sorts: ['disclosedAt'],
  defaultSort: '-disclosedAt',
  where: ({ caseId }, bind) => ['confidential', caseId && `case_id = ${bind(caseId)}`],
});
