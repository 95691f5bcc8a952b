import { equal } from "node:assert/strict";
import { hash } from "node:crypto";
import { sha256Base64Url } from "./sha256.ts";

Deno.test("sha256: the FIPS 180-4 examples", () => {
  // "abc" = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
  equal(sha256Base64Url("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  // the empty message = e3b0c442 98fc1c14 9afbf4c8 996fb924 27ae41e4 649b934c a495991b 7852b855
  equal(sha256Base64Url(""), "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
});

Deno.test("sha256: equals node:crypto on every padding length, non-ASCII text and long input", () => {
  const inputs: string[] = [];
  for (let n = 0; n <= 200; n++) inputs.push("a".repeat(n));
  inputs.push("é\u0000ü€😀", "\ud800 lone surrogate", "Łukasz Dvořák", "€".repeat(5000));
  inputs.push("x".repeat(100_000)); // grows the buffer
  for (let i = 0; i < 500; i++) {
    let s = "";
    for (let k = 0; k < i % 300; k++) s += String.fromCharCode((k * 7919 + i * 31) % 0x3000);
    inputs.push(s);
  }
  inputs.push("abc"); // after the buffer grew
  for (const s of inputs) {
    equal(sha256Base64Url(s), hash("sha256", s, "base64url"), `input of length ${s.length}`);
  }
});
