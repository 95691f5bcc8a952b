/** A file handed to ingest or validate: from disk (CLI) or from an upload (web). */

/** A named byte stream that can be opened (possibly more than once). */
export interface IngestFile {
  /** Name shown in messages (the path as the user gave it, or the upload's file name). */
  name: string;
  /** Open the raw bytes (gzip is detected and handled by the reader). */
  open(): Promise<ReadableStream<Uint8Array>>;
}

/** An IngestFile reading `path` from disk. */
export function fileFromPath(path: string, name = path): IngestFile {
  return {
    name,
    async open() {
      const f = await Deno.open(path, { read: true });
      return f.readable;
    },
  };
}

/** An IngestFile over bytes already in memory (tests, small uploads). */
export function fileFromBytes(name: string, bytes: Uint8Array): IngestFile {
  return {
    name,
    open() {
      return Promise.resolve(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes);
            controller.close();
          },
        }),
      );
    },
  };
}
