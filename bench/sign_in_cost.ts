/**
 * `deno run -A bench/sign_in_cost.ts [--runs N]`: what a sign-in costs at
 * bcrypt cost 10 (new hashes since issue 19) and 12 (OpenChargeback 0.4's
 * hashes, which keep verifying).
 *
 * Two figures per cost, medians of N runs (default 7):
 * - verify: one verifyPassword() in this process (bcryptjs, the whole check);
 * - sign-in: the real thing, POST /login to `openchargeback serve` on
 *   loopback (login form, CSRF, throttle, session) for a config user whose
 *   hash has that cost, measured from the request to the 303.
 * Prints a Markdown table and appends it to bench/results/<date>-sign-in.md.
 * Not a test: timings depend on the machine and its load (printed with them).
 */

import { hashPassword, verifyPassword } from "../src/users/passwords.ts";
import { loadAverage, machineInfo, stats } from "./measure.ts";
import { startServer } from "./web_load.ts";

const runs = Number(Deno.args[Deno.args.indexOf("--runs") + 1] || 7);
const PASSWORD = "correct horse battery";
const COSTS = [10, 12] as const;

async function timeVerify(hash: string): Promise<number> {
  const t = performance.now();
  if (!(await verifyPassword(PASSWORD, hash))) throw new Error("the hash did not verify");
  return performance.now() - t;
}

/** One sign-in of `user`: GET the form (not timed), then the timed POST. */
async function timeSignIn(base: string, user: string): Promise<number> {
  const form = await fetch(`${base}/login`);
  const html = await form.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!token) throw new Error("the login page has no CSRF token");
  const t = performance.now();
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base },
    body: new URLSearchParams({ _csrf: token, login: user, password: PASSWORD }),
  });
  await res.body?.cancel();
  const ms = performance.now() - t;
  if (res.status !== 303) throw new Error(`sign-in of ${user} failed with HTTP ${res.status}`);
  return ms;
}

const hashes = Object.fromEntries(COSTS.map((c) => [c, hashPassword(PASSWORD, c)]));
const dir = await Deno.makeTempDir({ prefix: "oc-bench-sign-in-" });
const users = COSTS.map((c) =>
  `    user${c}:\n      email: user${c}@example.edu\n      display_name: Cost ${c}\n` +
  `      password_hash: "${hashes[c]}"\n      role: viewer\n`
).join("");
await Deno.writeTextFile(
  `${dir}/config.yaml`,
  `database:\n  path: ${dir}/billing.db\nweb:\n  secret_key: bench-secret-key-0123456789abcdef\n` +
    `  users:\n${users}`,
);
const server = await startServer(`${dir}/config.yaml`, dir);
const rows: string[] = [];
try {
  for (const cost of COSTS) {
    await timeVerify(hashes[cost]); // warm up
    const verify: number[] = [];
    const signIn: number[] = [];
    for (let i = 0; i < runs; i++) verify.push(await timeVerify(hashes[cost]));
    // each account may fail 5 times before it is throttled; every one here succeeds
    for (let i = 0; i < runs; i++) signIn.push(await timeSignIn(server.url, `user${cost}`));
    const v = stats(verify), s = stats(signIn);
    const ms = (n: number) => `${Math.round(n)} ms`;
    rows.push(
      `| ${cost} | ${ms(v.median)} (${ms(v.min)}-${ms(v.max)}) | ${ms(s.median)} (${ms(s.min)}-${
        ms(s.max)
      }) |`,
    );
  }
} finally {
  await server.stop();
  await Deno.remove(dir, { recursive: true });
}
const table = [
  `## Sign-in cost by bcrypt cost (${new Date().toISOString().slice(0, 16)}Z, ${runs} runs)`,
  "",
  ...machineInfo(),
  `- load average before: ${loadAverage()}`,
  "",
  "| bcrypt cost | verifyPassword, median (min-max) | POST /login, median (min-max) |",
  "|---|---|---|",
  ...rows,
  "",
].join("\n");
console.log(table);
const out = new URL(
  `./results/${new Date().toISOString().slice(0, 10)}-sign-in.md`,
  import.meta.url,
);
await Deno.writeTextFile(out, table + "\n", { append: true });
