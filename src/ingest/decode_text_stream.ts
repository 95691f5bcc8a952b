/**
 * Bytes -> text chunks for CSV reading: gunzips when the stream starts with the
 * gzip magic, refuses UTF-16 and other non-UTF-8 text and NUL bytes with the
 * line where they occur, strips a UTF-8 BOM.
 */

import { UserError } from "../domain/errors.ts";

/** Yield decoded text chunks of `name`'s bytes. */
export async function* decodeTextStream(
  name: string,
  raw: ReadableStream<Uint8Array>,
): AsyncGenerator<string> {
  const reader = raw.getReader();
  const first = await reader.read();
  if (first.done || first.value.length === 0) {
    reader.releaseLock();
    return;
  }
  let head = first.value;
  let source: AsyncIterable<Uint8Array>;
  const rest = restOf(reader);
  if (isGzip(head)) {
    const gz = toStream(head, rest).pipeThrough(
      new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
    const r = gz.getReader();
    const f = await readSafely(name, r);
    if (f.done) return;
    head = f.value;
    source = restOfGzip(name, r);
  } else {
    source = rest;
  }
  const decoder = new TextChunkDecoder(name);
  let text = decoder.decode(head, false);
  if (text) yield text;
  for await (const chunk of source) {
    text = decoder.decode(chunk, false);
    if (text) yield text;
  }
  text = decoder.decode(new Uint8Array(0), true);
  if (text) yield text;
}

/** True when bytes start with the gzip magic. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * UTF-8 bytes -> text, chunk by chunk (synchronous): refuses UTF-16 (by its
 * BOM), invalid UTF-8 and NUL bytes with the line where they occur; strips a
 * UTF-8 BOM.
 */
export class TextChunkDecoder {
  readonly name: string;
  #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  #line = 1;
  #first = true;

  constructor(name: string) {
    this.name = name;
  }

  /** Decode the next chunk (`last`: no more bytes follow). */
  decode(bytes: Uint8Array, last: boolean): string {
    if (this.#first && bytes.length > 0) {
      this.#first = false;
      if (
        bytes.length >= 2 &&
        ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
      ) {
        throw new UserError("the file is UTF-16 text.", {
          location: { file: this.name, line: 1 },
          hint: "Save it as UTF-8 (CSV UTF-8) and import it again.",
        });
      }
    }
    let text: string;
    try {
      text = this.#decoder.decode(bytes, { stream: !last });
    } catch {
      const at = firstInvalidUtf8(bytes);
      const before = new TextDecoder().decode(bytes.subarray(0, at));
      throw new UserError(
        "the file is not valid UTF-8 text (binary data, or Latin-1/Windows text).",
        {
          location: { file: this.name, line: this.#line + countNewlines(before) },
          hint: "Save it as UTF-8 (CSV UTF-8) and import it again.",
        },
      );
    }
    const nul = text.indexOf("\0");
    if (nul >= 0) {
      throw new UserError(
        "the file contains NUL bytes (binary data or UTF-16 text), not CSV text.",
        {
          location: { file: this.name, line: this.#line + countNewlines(text, 0, nul) },
          hint: "Export the data again as a UTF-8 CSV file.",
        },
      );
    }
    this.#line += countNewlines(text);
    return text;
  }
}

async function* restOf(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.length) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* restOfGzip(
  name: string,
  reader: ReadableStreamDefaultReader<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  while (true) {
    const { done, value } = await readSafely(name, reader);
    if (done) return;
    if (value.length) yield value;
  }
}

async function readSafely(name: string, reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    return await reader.read();
  } catch (e) {
    throw new UserError(`the gzip data is damaged (${(e as Error).message}).`, {
      location: { file: name },
      hint: "Download or compress the file again.",
    });
  }
}

function toStream(head: Uint8Array, rest: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = rest[Symbol.asyncIterator]();
  let sentHead = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHead) {
        sentHead = true;
        controller.enqueue(head);
        return;
      }
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
}

/** Number of "\n" in `text`. */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  let i = text.indexOf("\n", from);
  while (i !== -1 && i < to) {
    n++;
    i = text.indexOf("\n", i + 1);
  }
  return n;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (or the length). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const need = c < 0x80
      ? 0
      : c >= 0xc2 && c < 0xe0
      ? 1
      : c >= 0xe0 && c < 0xf0
      ? 2
      : c >= 0xf0 && c < 0xf5
      ? 3
      : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return b.length; // sequence continues in the next chunk
      if ((b[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return b.length;
}
