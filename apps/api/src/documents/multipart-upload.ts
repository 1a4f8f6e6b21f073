import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import busboy from 'busboy';
import type { BlobStore, StoredBlob } from '@pj/event-store';
import { InvalidInputError } from '../errors/request-errors';
import { DocumentTooLargeError } from './document-errors';
import { SNIFF_BYTES } from './media-type';

/** One file and its form fields, the file already in the blob store. */
export interface ReceivedUpload {
  readonly stored: StoredBlob;
  /** The file's first bytes, for sniffing its media type. */
  readonly head: Buffer;
  readonly fileName: string;
  readonly declaredMediaType: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** Form fields are short text; the file is the only large part. */
const FIELD_LIMITS = { fields: 10, fieldSize: 10_000, files: 1, parts: 12 };

/** Keeps the first bytes that pass through, and passes everything on. */
class HeadCapture extends Transform {
  private readonly chunks: Buffer[] = [];
  private captured = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    if (this.captured < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.captured);
      this.chunks.push(Buffer.from(part));
      this.captured += part.length;
    }
    done(null, chunk);
  }

  head(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * Reads a `multipart/form-data` request as it arrives: the part named `file` streams into the blob
 * store (hashed on the way), never held in memory; at most `maxBytes` of it, a longer one is refused
 * with 413 and nothing of it kept. A body announced larger than the limit is refused before reading.
 */
export async function receiveUpload(
  request: IncomingMessage,
  blobs: BlobStore,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType))
    throw new InvalidInputError('send the document as multipart/form-data', [
      { field: 'content-type', reason: 'must be multipart/form-data with a part named "file"' },
    ]);
  const announced = Number(request.headers['content-length']);
  // The form fields and part headers come on top of the file: a margin of 64 KiB for them.
  if (Number.isFinite(announced) && announced > maxBytes + 64 * 1024) {
    request.resume();
    throw new DocumentTooLargeError(maxBytes);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: request.headers, limits: { ...FIELD_LIMITS, fileSize: maxBytes } });
  } catch {
    throw new InvalidInputError('the multipart body cannot be read', [
      { field: 'content-type', reason: 'multipart/form-data needs a boundary' },
    ]);
  }
  const fields: Record<string, string> = {};
  let file:
    { stored: Promise<StoredBlob>; capture: HeadCapture; fileName: string; declaredMediaType: string } | undefined;
  let tooLarge = false;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const capture = new HeadCapture();
      stream.on('limit', () => {
        tooLarge = true;
        capture.destroy(new DocumentTooLargeError(maxBytes));
        // busboy discards the rest, but only while the part is read.
        stream.unpipe(capture);
        stream.resume();
      });
      stream.on('error', (error) => capture.destroy(error));
      stream.pipe(capture);
      const stored = blobs.put(capture);
      stored.catch(() => undefined); // awaited below; a refusal must not be an unhandled rejection
      file = { stored, capture, fileName: info.filename ?? '', declaredMediaType: info.mimeType ?? '' };
    });
    parser.on('close', resolve);
    parser.on('error', reject);
    request.on('aborted', () => reject(new InvalidInputError('the upload was cut off', [])));
  });
  request.pipe(parser);
  try {
    await parsed;
  } catch (error) {
    await file?.stored.catch(() => undefined);
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError('the multipart body cannot be read', [
      { field: 'body', reason: error instanceof Error ? error.message : String(error) },
    ]);
  }
  if (!file)
    throw new InvalidInputError('no file in the upload', [
      { field: 'file', reason: 'a part named "file" is required' },
    ]);
  const received = file;
  const stored = await received.stored.catch((error: unknown) => {
    if (tooLarge) throw new DocumentTooLargeError(maxBytes);
    throw error;
  });
  if (tooLarge) throw new DocumentTooLargeError(maxBytes);
  return {
    stored,
    head: received.capture.head(),
    fileName: received.fileName,
    declaredMediaType: received.declaredMediaType,
    fields,
  };
}
