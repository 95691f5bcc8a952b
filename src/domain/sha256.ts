/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, in plain JavaScript, as
 * base64url without padding (43 characters). The ingest fingerprints every
 * row with it: node:crypto's `hash()` is about as fast per call but leaves
 * native memory behind that only a full GC returns (about 160 MB over a
 * million calls), which made an import's peak memory grow with the file.
 * This one reuses one byte buffer and one schedule array: no allocation per
 * call but the result string.
 */

/** Round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Int32Array(64);
/** Initial hash value: the same of the square roots of the first 8 primes. */
const H0 = new Int32Array(8);
{
  const primes: number[] = [];
  for (let n = 2; primes.length < 64; n++) {
    if (primes.every((p) => n % p !== 0)) primes.push(n);
  }
  const frac32 = (x: number) => (x - Math.floor(x)) * 2 ** 32;
  for (let i = 0; i < 64; i++) K[i] = frac32(Math.cbrt(primes[i])) | 0;
  for (let i = 0; i < 8; i++) H0[i] = frac32(Math.sqrt(primes[i])) | 0;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const encoder = new TextEncoder();
const W = new Int32Array(64);
const digest = new Uint8Array(33); // 32 bytes + one zero byte to encode in threes
const OUT = new Array<number>(43);

const ALPHABET_CODES = Array.from(ALPHABET, (ch) => ch.charCodeAt(0));
let bytes = new Uint8Array(4096);
let view = new DataView(bytes.buffer);

/** SHA-256 of `text` (UTF-8), base64url without padding (43 characters). */
export function sha256Base64Url(text: string): string {
  // UTF-8 is at most 3 bytes per UTF-16 unit; keep room for the padding (up to 72 bytes)
  if (bytes.length < text.length * 3 + 72) {
    bytes = new Uint8Array(Math.max(bytes.length * 2, text.length * 3 + 72));
    view = new DataView(bytes.buffer);
  }
  const b = bytes;
  const length = encoder.encodeInto(text, b).written;
  let end = length;
  b[end++] = 0x80;
  while ((end & 63) !== 56) b[end++] = 0;
  const bits = length * 8;
  const high = Math.floor(bits / 2 ** 32);
  b[end++] = high >>> 24;
  b[end++] = high >>> 16;
  b[end++] = high >>> 8;
  b[end++] = high;
  b[end++] = bits >>> 24;
  b[end++] = bits >>> 16;
  b[end++] = bits >>> 8;
  b[end++] = bits;
  compressBlocks(view, end);
  for (let i = 0, o = 0; i < 33; i += 3) {
    const v = (digest[i] << 16) | (digest[i + 1] << 8) | digest[i + 2];
    OUT[o++] = ALPHABET_CODES[v >>> 18];
    OUT[o++] = ALPHABET_CODES[(v >>> 12) & 63];
    OUT[o++] = ALPHABET_CODES[(v >>> 6) & 63];
    if (o < 43) OUT[o++] = ALPHABET_CODES[v & 63]; // 32 bytes = 43 characters
  }
  return String.fromCharCode.apply(null, OUT);
}

/** Hash the padded message `v[0..end)` (whole 64-byte blocks) into `digest[0..32)`. */
function compressBlocks(v: DataView, end: number): void {
  let h0 = H0[0], h1 = H0[1], h2 = H0[2], h3 = H0[3];
  let h4 = H0[4], h5 = H0[5], h6 = H0[6], h7 = H0[7];
  const w = W;
  const k = K;
  for (let offset = 0; offset < end; offset += 64) {
    for (let t = 0; t < 16; t++) w[t] = v.getInt32(offset + t * 4);
    for (let t = 16; t < 64; t++) {
      const w15 = w[t - 15];
      const w2 = w[t - 2];
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = h0, b1 = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + (g ^ (e & (f ^ g))) + k[t] + w[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b1) | (c & (a | b1)))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b1;
      b1 = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b1) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  putWord(0, h0);
  putWord(4, h1);
  putWord(8, h2);
  putWord(12, h3);
  putWord(16, h4);
  putWord(20, h5);
  putWord(24, h6);
  putWord(28, h7);
}

/** Big-endian word `v` into digest[i..i+4). */
function putWord(i: number, v: number): void {
  digest[i] = v >>> 24;
  digest[i + 1] = v >>> 16;
  digest[i + 2] = v >>> 8;
  digest[i + 3] = v;
}
