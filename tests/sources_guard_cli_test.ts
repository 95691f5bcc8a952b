/**
 * Issue 19, item 2: a mistyped source is refused with a did-you-mean hint
 * instead of billing the month twice; --new-source (or `sources add`) registers
 * a new one; the web import asks before it creates a source.
 */

import { equal, match } from "node:assert/strict";
import { runCli, tempWorkspace, write04Config } from "./cli_harness.ts";
import { sessionFor, webFixture } from "./web_harness.ts";
import { pageText, postMultipart } from "./web_pages_kit.ts";
import { send } from "./web_harness.ts";

const CSV = "BillingPeriodStart,BilledCost,ServiceName\n2025-01-01,551.00,Slurm\n";

Deno.test("ingest -s: an unknown source is refused with a did-you-mean; --new-source or sources add registers it", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-src-");
  try {
    await write04Config(dir);
    await Deno.writeTextFile(`${dir}/hpc_2025-01.csv`, CSV);
    const run = (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: dir });
    // hpc is in the 0.4 config's imports.known_sources
    equal((await run(["ingest", "hpc_2025-01.csv", "-s", "hpc"])).code, 0);
    const typo = await run(["ingest", "hpc_2025-01.csv", "-s", "hcp"]);
    equal(typo.code, 1);
    equal(typo.stdout, "");
    equal(
      typo.stderr,
      "error: source 'hcp' is neither registered nor in imports.known_sources; nothing was " +
        "imported. Did you mean hpc? If it is a new source, pass --new-source (or run " +
        "openchargeback sources add hcp first).\n",
    );
    // the month still holds the one charge, and no source 'hcp' exists
    const periods = (await run(["periods", "list", "--json"])).json<{ charges: number }[]>();
    equal(periods[0].charges, 1);
    const sources = (await run(["sources", "list", "--json"])).json<{ name: string }[]>();
    equal(sources.map((s) => s.name).join(), "hpc");
    // a dry run says the source is new, without refusing
    const dry = await run(["ingest", "hpc_2025-01.csv", "-s", "hcp", "--dry-run"]);
    equal(dry.code, 0, dry.stderr);
    match(
      dry.stdout,
      /source: {3}hcp is new \(neither registered nor known\): did you mean hpc\? Importing needs --new-source\./,
    );
    // --new-source registers it
    const lab = await run(["ingest", "hpc_2025-01.csv", "-s", "lab", "--new-source", "--json"]);
    equal(lab.code, 0, lab.stderr);
    equal(lab.json<{ newSource: { name: string } }>().newSource.name, "lab");
    // sources add first, then a plain ingest
    equal((await run(["sources", "add", "gpu"])).code, 0);
    equal((await run(["ingest", "hpc_2025-01.csv", "-s", "GPU"])).code, 0);
  } finally {
    await cleanup();
  }
});

Deno.test("web import: a new source needs the 'Create the new source' box; the preview says did you mean", async () => {
  const f = await webFixture();
  try {
    const rita = sessionFor(f, "rita");
    const file = { name: "hcp_2025-01.csv", bytes: new TextEncoder().encode(CSV) };
    const preview = await postMultipart(f, "/imports/preview", rita, {}, [file]);
    const html = await preview.text();
    const token = /name="token" value="([^"]+)"/.exec(html)![1];
    const text = await pageText(new Response(html));
    // the file name guesses no known source; the user types hcp
    const typed = await send(f, "POST", "/imports/preview", {
      as: rita,
      form: { token, source_0: "hcp", period_0: "2025-01" },
    });
    const typedText = await pageText(typed);
    match(
      typedText,
      /Create the new source hcp \(not registered, not in imports\.known_sources; did you mean gcp or hpc\?\)/,
    );
    equal(text.length > 0, true);
    const refused = await send(f, "POST", "/imports/commit", {
      as: rita,
      form: { token, source_0: "hcp", period_0: "2025-01" },
    });
    const refusedText = await pageText(refused);
    match(
      refusedText,
      /source 'hcp' is neither registered nor in imports\.known_sources; nothing was imported\. Did you mean gcp or hpc\? If it is a new source, tick "Create the new source hcp" and press Import\./,
    );
    equal(refusedText.includes("--new-source"), false);
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM charges")!.n, 0);
    const ok = await send(f, "POST", "/imports/commit", {
      as: rita,
      form: { token, source_0: "hcp", period_0: "2025-01", new_source: "hcp" },
    });
    match(await pageText(ok), /Imported 1 delivery\./);
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM charges")!.n, 1);
  } finally {
    await f.close();
  }
});
