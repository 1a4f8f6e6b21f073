import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Confidentiality } from '@pj/domain';
import type { Role } from '../auth/roles';
import { CommandAccepted } from '../commands/command-accepted';
import { ListParams, PageOf } from '../read-models/lists/list-params';
import { defineList, flag, instant, text, whole } from '../read-models/lists/list-spec';

/** Who reads a document's content, by its confidentiality (an NDA document: compliance officers and auditors). */
export const READERS_OF: Readonly<Record<Confidentiality, readonly Role[]>> = {
  public: ['contract_manager', 'compliance_officer', 'auditor', 'supplier'],
  buyer: ['contract_manager', 'compliance_officer', 'auditor'],
  nda: ['compliance_officer', 'auditor'],
};

export const readableBy = (role: Role): Confidentiality[] =>
  (Object.keys(READERS_OF) as Confidentiality[]).filter((confidentiality) =>
    READERS_OF[confidentiality].includes(role),
  );

const sha256Example = '9f2c4e1b7a3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6';

/** A document as readers see it: what the content is, not the content (that is `…/content`). */
export class DocumentView {
  @ApiProperty({ example: 'doc-audit-2026-01' }) documentId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiPropertyOptional({
    description: 'The request for documents this answers; null for a document of the case',
    example: 'docs-2026-03',
    nullable: true,
    type: String,
  })
  requestId!: string | null;
  @ApiProperty({ example: 'Social audit, January 2026' }) title!: string;
  @ApiProperty({ example: 'audit-2026-01.pdf' }) fileName!: string;
  @ApiProperty({
    description: 'SHA-256 of the content (lowercase hex), as the event records it',
    example: sha256Example,
  })
  sha256!: string;
  @ApiProperty({ description: 'Bytes', example: 482_113 }) size!: number;
  @ApiProperty({ description: 'Sniffed from the content', example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ description: 'What the uploader declared (not trusted)', example: 'application/pdf' })
  declaredMediaType!: string;
  @ApiProperty({ example: false }) mediaTypeMismatch!: boolean;
  @ApiProperty({ enum: ['public', 'buyer', 'nda'], example: 'buyer' }) confidentiality!: string;
  @ApiProperty({ example: 'manager-eva' }) attachedBy!: string;
  @ApiProperty({ example: '2026-03-03T10:00:00.000Z' }) attachedAt!: string;
  @ApiPropertyOptional({
    description: 'Redacted: the content is no longer served',
    example: null,
    nullable: true,
    type: String,
  })
  redactedAt!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) redactionReason!: string | null;
}

export const documentList = defineList<DocumentView, { caseId?: string; readable?: readonly string[] }>({
  name: 'documents',
  from: 'rm_documents',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    documentId: text('document_id'),
    caseId: text('case_id'),
    requestId: text('request_id', { nullable: true }),
    title: text('title'),
    fileName: text('file_name'),
    sha256: text('sha256'),
    size: whole('size', 'bigint'),
    mediaType: text('media_type'),
    declaredMediaType: text('declared_media_type'),
    mediaTypeMismatch: flag('media_type_mismatch'),
    confidentiality: text('confidentiality'),
    attachedBy: text('attached_by'),
    attachedAt: instant('attached_at'),
    redactedAt: instant('redacted_at', { nullable: true }),
    redactionReason: text('redaction_reason', { nullable: true }),
  },
  // Document ids are a case's own: the case breaks ties.
  id: text(`case_id || ' ' || document_id`),
  sorts: ['attachedAt'],
  defaultSort: '-attachedAt',
  where: ({ caseId, readable }, bind) => [
    caseId && `case_id = ${bind(caseId)}`,
    // Only what the caller's role may read is listed (title and file name of an NDA document included).
    `confidentiality = ANY(${bind(readable ?? [])}::text[])`,
  ],
  parties: { supplier: () => `confidentiality = 'public'` },
});

export class ListDocumentsParams extends ListParams(documentList) {}
export class DocumentPage extends PageOf(DocumentView) {}

/** The upload's answer: the command's, and what was stored. */
export class DocumentAccepted extends CommandAccepted {
  @ApiProperty({ example: 'doc-audit-2026-01' }) documentId!: string;
  @ApiProperty({ example: sha256Example }) sha256!: string;
  @ApiProperty({ example: 482_113 }) size!: number;
  @ApiProperty({ description: 'Sniffed from the content', example: 'application/pdf' }) mediaType!: string;
}

export class RedactDocumentDto {
  @ApiProperty({
    description: 'Why the content is hidden from every read',
    example: 'names a worker who filed a grievance',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
