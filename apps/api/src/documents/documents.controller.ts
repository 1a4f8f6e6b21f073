import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { v5 as uuidv5 } from 'uuid';
import { readAccessibleStream } from '@pj/application';
import { confidentialities, ID_PATTERN, type Confidentiality, type DocumentAttachment } from '@pj/domain';
import type { EventStore, SqlDriver } from '@pj/event-store';
import { bidProjection, caseProjection, documentProjection } from '@pj/projections';
import { ConfidentialReadLog } from '../audit/confidential-reads';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { accessOf, READERS, type Caller } from '../auth/roles';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, commandRequestOf, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { DependencyUnavailableError, InvalidInputError, NotFoundError } from '../errors/request-errors';
import { EVENT_STORE, READ_MODELS } from '../infrastructure/tokens';
import { assertCaseInSight } from '../read-models/case-sight';
import { ListEndpoint } from '../read-models/lists/list-endpoint';
import type { ListSpec } from '../read-models/lists/list-spec';
import { ReadsFrom } from '../read-models/log-position';
import { CaseListQuery } from '../read-models/procurement-reads.queries';
import { DocumentConfidentialError, DocumentRedactedError } from './document-errors';
import { DEFAULT_DOCUMENT_MAX_BYTES, DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import {
  DocumentAccepted,
  documentList,
  DocumentPage,
  type DocumentView,
  ListDocumentsParams,
  READERS_OF,
  readableBy,
  RedactDocumentDto,
} from './document.views';
import { sniffMediaType } from './media-type';
import { receiveUpload } from './multipart-upload';

/** The HTTP request as Express and the guard leave it. */
type Request = IncomingMessage & { originalUrl?: string; caller: Caller };

const DOCUMENT_ID_NAMESPACE = '5d1f7a0e-3c2b-4e8f-9a6d-1b0c7e2f4a93';

const uploadBody = {
  schema: {
    type: 'object',
    required: ['file', 'confidentiality'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'The content; its media type is sniffed from the bytes' },
      confidentiality: { type: 'string', enum: [...confidentialities], example: 'buyer' },
      title: { type: 'string', example: 'Social audit, January 2026', description: 'Default: the file name' },
      documentId: {
        type: 'string',
        example: 'doc-audit-2026-01',
        description: 'Default: derived from the Idempotency-Key',
      },
    },
  },
};

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Documents as evidence: uploaded as multipart and streamed into the blob store while hashed,
 * listed by what the caller's role may read, downloaded as a stream, redacted (never deleted).
 */

/** What an upload endpoint takes and answers: one multipart file, stored and recorded, or too large. */
const DocumentUpload = () =>
  applyDecorators(
    ApiResponse({
      status: 201,
      type: DocumentAccepted,
      description: 'Stored and recorded (or the first result of a retry)',
    }),
    ApiResponse({ status: 413, description: 'Larger than DOCUMENT_MAX_BYTES (`document.too_large`, `maxBytes`)' }),
    ApiConsumes('multipart/form-data'),
    ApiBody(uploadBody),
  );

@ApiTags('documents')
@Controller('cases/:caseId')
export class DocumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: SqlDriver,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly reads: ConfidentialReadLog,
  ) {}

  @DocumentUpload()
  @CommandEndpoint(
    'documents',
    ['contract_manager', 'compliance_officer'],
    'Attach a document to the case (AttachDocument)',
  )
  attachToCase(@Param('caseId') caseId: string, @Req() request: Request): Promise<DocumentAccepted> {
    return this.upload(caseId, { kind: 'case' }, request);
  }

  @DocumentUpload()
  @CommandEndpoint(
    'contract/document-requests/:requestId/documents',
    ['supplier'],
    'Send a document in answer to a request for documents (AttachDocument)',
  )
  attachToRequest(
    @Param('caseId') caseId: string,
    @Param('requestId') requestId: string,
    @Req() request: Request,
  ): Promise<DocumentAccepted> {
    return this.upload(caseId, { kind: 'document_request', requestId }, request);
  }

  @Get('documents')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection, documentProjection)
  @ListEndpoint(documentList, {
    type: DocumentPage,
    description:
      'The case’s documents the caller’s role may read (a supplier: public ones; NDA ones: compliance officers and auditors)',
  })
  documents(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() params: ListDocumentsParams,
    @CurrentCaller() caller: Caller,
  ): Promise<DocumentPage> {
    return this.queries.execute(
      // The caller's role narrows the list to what it may read (never widens: the organisation scope stays).
      new CaseListQuery<DocumentView, { caseId: string; readable: readonly string[] }>(
        caseId,
        documentList as ListSpec<DocumentView, { caseId: string; readable: readonly string[] }>,
        { ...params, readable: readableBy(caller.role) },
        caller,
      ),
    );
  }

  @Get('documents/:documentId/content')
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection, documentProjection)
  @ApiParam({ name: 'documentId', example: 'doc-audit-2026-01' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description:
      'The content, streamed, with its sniffed media type, `Content-Length`, `ETag` (its SHA-256) and ' +
      '`Content-Disposition: attachment`. A read of an NDA document is recorded (`nda-documents`).',
    schema: { type: 'string', format: 'binary', example: '%PDF-1.7 …' },
  })
  @ApiResponse({
    status: 403,
    description: 'The role may not read a document of this confidentiality (`document.confidential`)',
  })
  @ApiResponse({ status: 404, description: 'No such document of this case in the caller’s sight' })
  @ApiResponse({
    status: 410,
    description: 'The document was redacted (`document.redacted`); its record and hash stay',
  })
  async content(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('documentId') documentId: string,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<StreamableFile> {
    const blobs = this.blobs();
    await assertCaseInSight(this.db, caseId, caller);
    const [row] = await this.db.query<{
      sha256: string;
      size: string;
      media_type: string;
      file_name: string;
      confidentiality: Confidentiality;
      redacted_at: Date | null;
    }>(
      `SELECT sha256, size::text AS size, media_type, file_name, confidentiality, redacted_at FROM rm_documents
       WHERE organisation_id = $1 AND case_id = $2 AND document_id = $3`,
      [caller.organisationId, caseId, documentId],
    );
    if (!row) throw new NotFoundError('document', documentId);
    const readers = READERS_OF[row.confidentiality] ?? [];
    if (!readers.includes(caller.role)) throw new DocumentConfidentialError(documentId, row.confidentiality, readers);
    if (row.redacted_at) throw new DocumentRedactedError(documentId, new Date(row.redacted_at).toISOString());
    const content = await blobs.get(row.sha256);
    // Recorded before the first byte leaves; a failed record fails the read.
    if (row.confidentiality === 'nda')
      await this.reads
        .record(caller, 'nda-documents', request.originalUrl ?? request.url ?? '')
        .catch((error: unknown) => {
          content.destroy();
          throw error;
        });
    response.setHeader('ETag', `"${row.sha256}"`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(content, {
      type: row.media_type,
      length: Number(row.size),
      disposition: attachment(row.file_name),
    });
  }

  @CommandEndpoint(
    'documents/:documentId/redaction',
    ['contract_manager', 'compliance_officer'],
    'Redact a document: its content is hidden from every read, its record and hash stay (RedactDocument)',
  )
  redact(
    @Param('caseId') caseId: string,
    @Param('documentId') documentId: string,
    @Body() body: RedactDocumentDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'RedactDocument', body, { documentId }));
  }

  private blobs() {
    const { blobs } = this.storage;
    if (!blobs)
      throw new DependencyUnavailableError('blob-store', 'documents.unavailable', 'this server keeps no documents');
    return blobs;
  }

  private async upload(caseId: string, attachedTo: DocumentAttachment, request: Request): Promise<DocumentAccepted> {
    const blobs = this.blobs();
    const { caller } = request;
    // The case first: nothing is stored for a case the caller cannot act on.
    await readAccessibleStream(this.store, 'procurementCase', caseId, accessOf(caller));
    const upload = await receiveUpload(request, blobs, this.storage.maxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES);
    const { confidentiality, title, documentId } = upload.fields;
    const problems = [
      !confidentialities.includes(confidentiality as Confidentiality) && {
        field: 'confidentiality',
        reason: `must be one of ${confidentialities.join(', ')}`,
      },
      documentId !== undefined && !ID_PATTERN.test(documentId) && { field: 'documentId', reason: 'is not an id' },
      (upload.fileName.trim() === '' || CONTROL.test(upload.fileName)) && {
        field: 'file',
        reason: 'needs a file name without control characters',
      },
      title !== undefined &&
        (CONTROL.test(title) || title.length > 500) && {
          field: 'title',
          reason: 'at most 500 characters, no control characters',
        },
    ].filter((problem): problem is { field: string; reason: string } => !!problem);
    if (problems.length > 0) throw new InvalidInputError('the upload’s fields are invalid', problems);
    const mediaType = await sniffMediaType(upload.head);
    const { sha256, size } = upload.stored;
    // What the idempotency key is given for: these fields and this content.
    const command = commandRequestOf(request, { ...upload.fields, fileName: upload.fileName, sha256 });
    const id = documentId ?? uuidv5(command.metadata.commandId, DOCUMENT_ID_NAMESPACE);
    const accepted: CommandAccepted = await this.commands.execute(
      command.onCase(caseId, 'AttachDocument', {
        documentId: id,
        title: title?.trim() || upload.fileName,
        fileName: upload.fileName,
        sha256,
        size,
        mediaType,
        declaredMediaType: upload.declaredMediaType,
        confidentiality: confidentiality as Confidentiality,
        attachedTo,
      }),
    );
    return { ...accepted, documentId: id, sha256, size, mediaType };
  }
}

/** `attachment` with the name as ASCII and as UTF-8 (RFC 6266 / 8187). */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
