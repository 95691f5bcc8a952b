import { ok } from "node:assert/strict";
import { V8_FLAGS_ARG } from "../scripts/build.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("v8 flags: `deno task cli` and the docs run the program with the binary's V8 flags", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  ok(
    config.tasks.cli.includes(` ${V8_FLAGS_ARG} `),
    `deno.json tasks.cli must pass ${V8_FLAGS_ARG}`,
  );
  for (const doc of ["README.md", "docs/getting-started.md"]) {
    const text = await Deno.readTextFile(new URL(doc, ROOT));
    ok(text.includes(V8_FLAGS_ARG), `${doc} must name ${V8_FLAGS_ARG}`);
  }
});

Deno.test("v8 flags: the program starts with them (deno rejects an unknown V8 flag)", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", V8_FLAGS_ARG, new URL("main.ts", ROOT).pathname, "version"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  ok(out.code === 0 && !/unknown|error/i.test(stderr), stderr);
});
