/** What content-type sniffing needs of a file's beginning (file-type's own minimum is 4100 bytes). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The media type of content, from its first bytes (file-type's magic numbers), never from what the
 * uploader declared. Content without a signature is `text/plain` when it is UTF-8 text without
 * control characters (CSV, plain text), else `application/octet-stream`.
 */
export async function sniffMediaType(head: Buffer): Promise<string> {
  // file-type is ESM only: loaded on first use (Node 20.19+ requires it; Jest transforms it).
  const { fileTypeFromBuffer } = await import('file-type');
  const sniffed = await fileTypeFromBuffer(head);
  if (sniffed) return sniffed.mime;
  return looksLikeText(head) ? 'text/plain' : 'application/octet-stream';
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  // A multi-byte character cut at the end of the sample is not a reason to call it binary.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(
    head.length > SNIFF_BYTES - 4 ? head.subarray(0, head.length - 4) : head,
  );
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  return !text.includes('\uFFFD') && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}
