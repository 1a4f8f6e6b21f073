// file-type ships its types for `moduleResolution: node16` and later; this project resolves as `node`.
declare module 'file-type' {
  export function fileTypeFromBuffer(
    buffer: Uint8Array | ArrayBuffer,
  ): Promise<{ readonly ext: string; readonly mime: string } | undefined>;
}
