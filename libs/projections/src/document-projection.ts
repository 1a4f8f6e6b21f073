import { readEvent } from '@pj/application';
import type { EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { updateRow } from './guarded-rows';
import { ownedBy, type Projection } from './projection';

/**
 * Documents attached to a case or to an answer to one of its requests for documents: what the
 * content is (hash, size, sniffed media type, file name), who may read it (confidentiality), and
 * whether it is redacted. The content itself is in the blob store, by hash.
 */
export const documentProjection: Projection = {
  name: 'documents',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_documents (
      organisation_id     text NOT NULL,
      case_id             text NOT NULL,
      document_id         text NOT NULL,
      request_id          text,
      title               text NOT NULL,
      file_name           text NOT NULL,
      sha256              text NOT NULL,
      size                bigint NOT NULL,
      media_type          text NOT NULL,
      declared_media_type text NOT NULL,
      media_type_mismatch boolean NOT NULL,
      confidentiality     text NOT NULL,
      attached_by         text NOT NULL,
      attached_at         timestamptz NOT NULL,
      redacted_at         timestamptz,
      redacted_by         text,
      redaction_reason    text,
      revision            bigint NOT NULL,
      updated_at          timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, case_id, document_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_documents_list ON rm_documents (organisation_id, case_id, attached_at DESC)',
  ],
  tables: ['rm_documents'],
  eventTypes: new Set<EventType>(['DocumentAttached', 'DocumentRedacted']),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('procurementCase', recorded);
    if (!event || !owner) return;
    const { organisationId, id: caseId } = owner;
    switch (event.type) {
      case 'DocumentAttached': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_documents (organisation_id, case_id, document_id, request_id, title, file_name, sha256, size,
             media_type, declared_media_type, media_type_mismatch, confidentiality, attached_by, attached_at,
             revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14)
           ON CONFLICT (organisation_id, case_id, document_id) DO NOTHING`,
          [
            organisationId,
            caseId,
            d.documentId,
            d.attachedTo.kind === 'document_request' ? d.attachedTo.requestId : null,
            d.title,
            d.fileName,
            d.sha256,
            d.size,
            d.mediaType,
            d.declaredMediaType,
            d.mediaTypeMismatch,
            d.confidentiality,
            d.attachedBy,
            d.attachedAt,
            event.revision,
          ],
        );
        return;
      }
      case 'DocumentRedacted': {
        const d = event.data;
        return updateRow(
          tx,
          {
            table: 'rm_documents',
            key: { organisation_id: organisationId, case_id: caseId, document_id: d.documentId },
            revision: event.revision,
          },
          { redacted_at: d.redactedAt, redacted_by: d.redactedBy, redaction_reason: d.reason },
          event.metadata.recordedAt,
        );
      }
    }
  },
};
