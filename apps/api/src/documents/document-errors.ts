import { KnownError, type ErrorKind } from '@pj/domain';

/** An upload larger than DOCUMENT_MAX_BYTES: refused with 413, nothing stored or recorded. */
export class DocumentTooLargeError extends KnownError {
  readonly kind: ErrorKind = 'too_large';
  constructor(maxBytes: number) {
    super('document.too_large', `a document may have at most ${maxBytes} bytes`, { maxBytes });
  }
}

/** A redacted document: its record and hash stay, its content is not served (410). */
export class DocumentRedactedError extends KnownError {
  readonly kind: ErrorKind = 'gone';
  constructor(documentId: string, redactedAt: string) {
    super('document.redacted', `document ${documentId} was redacted on ${redactedAt}`, { documentId, redactedAt });
  }
}

/** The caller's role may not read a document of this confidentiality; the answer names who may. */
export class DocumentConfidentialError extends KnownError {
  readonly kind: ErrorKind = 'forbidden';
  constructor(documentId: string, confidentiality: string, allowedRoles: readonly string[]) {
    super(
      'document.confidential',
      `document ${documentId} is ${confidentiality}: only ${allowedRoles.join(', ')} read it`,
      {
        documentId,
        confidentiality,
        allowedRoles,
      },
    );
  }
}
