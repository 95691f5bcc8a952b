import { deepEqual, equal } from "node:assert/strict";
import { hashPassword, passwordProblems, verifyPassword } from "./passwords.ts";

const ALL = {
  min_length: 10,
  require_uppercase: true,
  require_lowercase: true,
  require_numbers: true,
  require_special_chars: true,
};

Deno.test("passwords: the policy lists every missing requirement", () => {
  deepEqual(passwordProblems("abc", ALL), [
    "at least 10 characters",
    "an upper-case letter",
    "a digit",
    "a special character",
  ]);
  deepEqual(passwordProblems("Abcdefgh1!", ALL), []);
  deepEqual(
    passwordProblems("x".repeat(73), {
      ...ALL,
      require_uppercase: false,
      require_numbers: false,
      require_special_chars: false,
    }),
    [
      "at most 72 bytes (bcrypt ignores the rest)",
    ],
  );
});

Deno.test("passwords: verifies 0.4's $2b$ hash and our own; malformed hashes never match", async () => {
  const h04 = "$2b$12$Fxu99zxFh4plt3a2FDyEnuFyg2Co/osXmQGGYw.HFl0/Id6V.Uvey";
  equal(await verifyPassword("admin123", h04), true);
  equal(await verifyPassword("admin1234", h04), false);
  const ours = hashPassword("s3cret pass", 4);
  equal(ours.startsWith("$2b$04$"), true);
  equal(await verifyPassword("s3cret pass", ours), true);
  equal(await verifyPassword("", ""), false);
  equal(await verifyPassword("admin123", "plain-text"), false);
  equal(await verifyPassword("admin123", undefined), false);
});

Deno.test("passwords: new hashes use cost 10 (OWASP's bcrypt floor); cost-12 hashes still verify", async () => {
  const h = hashPassword("s3cret pass");
  equal(h.slice(0, 7), "$2b$10$");
  equal(await verifyPassword("s3cret pass", h), true);
  equal(
    await verifyPassword(
      "admin123",
      "$2b$12$Fxu99zxFh4plt3a2FDyEnuFyg2Co/osXmQGGYw.HFl0/Id6V.Uvey",
    ),
    true,
  );
});
