import { equal } from "node:assert/strict";
import { guessPeriodFromFileName, guessSourceFromFileName } from "./file_name_guess.ts";
import { parseConfigText } from "../config/mod.ts";

const config = parseConfigText(
  `imports:
  known_sources:
  - {name: AWS, pattern: aws}
  - {name: Azure, pattern: azure}
  - {name: Azure Local, pattern: azure-local}
  - {name: Storage, pattern: storage}
`,
  "t.yaml",
).config;

Deno.test("guess source: the longest matching pattern wins, case-insensitively", () => {
  equal(guessSourceFromFileName("azure-local_2025-01.csv", config), "Azure Local");
  equal(guessSourceFromFileName("AZURE_2025-01.csv", config), "Azure");
  equal(guessSourceFromFileName("/uploads/aws_2025-01.csv.gz", config), "AWS");
  equal(guessSourceFromFileName("hpc_2025-01.csv", config), null);
});

Deno.test("guess period: YYYY-MM, YYYY_MM, YYYYMM", () => {
  equal(guessPeriodFromFileName("aws_2025-01.csv"), "2025-01");
  equal(guessPeriodFromFileName("aws_2025_12.csv"), "2025-12");
  equal(guessPeriodFromFileName("export-202503.csv.gz"), "2025-03");
  equal(guessPeriodFromFileName("aws_2025-13.csv"), null);
  equal(guessPeriodFromFileName("aws.csv"), null);
  equal(guessPeriodFromFileName("run_12025011.csv"), null);
});
