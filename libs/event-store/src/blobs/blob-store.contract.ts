import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobNotFoundError, sha256Of, type BlobStore } from './blob-store';

export interface BlobStoreAdapter {
  open(): Promise<BlobStore>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Bytes in pieces, as an upload arrives. */
function inPieces(bytes: Buffer, piece = 64 * 1024): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += piece) pieces.push(bytes.subarray(offset, offset + piece));
  return Readable.from(pieces);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One contract for every blob-store adapter. */
export function describeBlobStoreContract(name: string, adapter: BlobStoreAdapter): void {
  describe(`blob store contract: ${name}`, () => {
    let store: BlobStore;
    beforeAll(async () => {
      store = await adapter.open();
    });
    afterAll(async () => store?.close());

    it('answers the SHA-256 and size of what it stored, and gives the same bytes back', async () => {
      const content = randomBytes(3 * 1024 * 1024 + 12_345);
      const stored = await store.put(inPieces(content));
      expect(stored).toEqual({ sha256: sha256(content), size: content.length });
      expect(await store.has(stored.sha256)).toBe(true);
      expect((await readAll(await store.get(stored.sha256))).equals(content)).toBe(true);
    });

    it('keeps the same content once, under one hash', async () => {
      const content = Buffer.from(`audit report ${randomBytes(8).toString('hex')}`);
      const first = await store.put(inPieces(content, 5));
      const second = await store.put(Readable.from([content]));
      expect(second).toEqual(first);
      expect(await sha256Of(await store.get(first.sha256))).toEqual(first);
    });

    it('stores empty content', async () => {
      const stored = await store.put(Readable.from([]));
      expect(stored).toEqual({ sha256: sha256(Buffer.alloc(0)), size: 0 });
      expect((await readAll(await store.get(stored.sha256))).length).toBe(0);
    });

    it('stores nothing from a source that fails part-way', async () => {
      const head = randomBytes(2 * 1024 * 1024);
      async function* failing() {
        yield head;
        throw new Error('connection reset');
      }
      await expect(store.put(failing())).rejects.toThrow('connection reset');
      expect(await store.has(sha256(head))).toBe(false);
    });

    it('answers not found for a hash it does not hold, and for anything that is not a hash', async () => {
      const unknown = sha256(randomBytes(16));
      expect(await store.has(unknown)).toBe(false);
      await expect(store.get(unknown)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.has('../../etc/passwd')).toBe(false);
      await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
    });
  });
}
