/** A file handed to ingest or validate: from disk (CLI) or from an upload (web). */

/** A named byte stream that can be opened (possibly more than once). */
export interface IngestFile {
  /** Name shown in messages (the path as the user gave it, or the upload's file name). */
  name: string;
  /** The file's path on disk, when it is a disk file (lets a parse worker read it). */
  path?: string;
  /** Open the raw bytes (gzip is detected and handled by the reader). */
  open(): Promise<ReadableStream<Uint8Array>>;
  /**
   * Open the raw bytes for blocking reads, when the file can (disk, memory).
   * Lets a delivery be read inside one synchronous write transaction.
   */
  openSync?(): SyncByteReader;
}

/** Blocking reads of a file's bytes. */
export interface SyncByteReader {
  /** Read into `buf`; the number of bytes read, or null at the end. */
  read(buf: Uint8Array): number | null;
  /** The file's size in bytes. */
  size(): number;
  close(): void;
}

/** An IngestFile reading `path` from disk. */
export function fileFromPath(path: string, name = path): IngestFile {
  return {
    name,
    path,
    async open() {
      const f = await Deno.open(path, { read: true });
      return f.readable;
    },
    openSync() {
      const f = Deno.openSync(path, { read: true });
      return {
        read: (buf) => f.readSync(buf),
        size: () => f.statSync().size,
        close: () => f.close(),
      };
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
    openSync() {
      let at = 0;
      return {
        read(buf) {
          if (at >= bytes.length) return null;
          const n = Math.min(buf.length, bytes.length - at);
          buf.set(bytes.subarray(at, at + n));
          at += n;
          return n;
        },
        size: () => bytes.length,
        close() {},
      };
    },
  };
}
