/**
 * The hostile-input corpus: broken, malicious and odd FOCUS files, made at
 * test time (no binary blobs in the repository), each with what `ingest` must
 * do with it: refuse it (exit 1, a message naming the file and line) or accept
 * it whole with exact figures.
 *
 * Run as a script to look at the files: deno run -A tests/hostile/make_corpus.ts OUT_DIR
 */

import { gzipSync } from "node:zlib";
import { centsText, FOCUS_HEADER } from "./focus_files.ts";
import { seededRandom } from "./seeded_random.ts";

/** What ingest must do with a corpus file. */
export type CorpusExpectation =
  | { refused: { line: number; column?: string; message: RegExp } }
  | { accepted: { rows: number; billedCents: number; flagged: number } };

/** One corpus file. */
export interface CorpusCase {
  name: string;
  bytes: Uint8Array;
  expect: CorpusExpectation;
  /** The message names the file but cannot name a line (damaged gzip). */
  noLine?: boolean;
}

const enc = new TextEncoder();
const TAGS_OK = `"{""pi_email"":""pi@example.edu"",""project_id"":""p1"",""fund_org"":""F-1""}"`;

/** A row of the corpus header: billed in cents, with overrides by column name. */
function row(billed: number | string, o: Record<string, string> = {}): string {
  const cols = FOCUS_HEADER.split(",");
  const v: Record<string, string> = {
    BillingPeriodStart: "2025-04-01",
    BillingPeriodEnd: "2025-05-01",
    ChargePeriodStart: "2025-04-01",
    ChargePeriodEnd: "2025-05-01",
    ListCost: typeof billed === "number" ? centsText(billed) : "1.00",
    ContractedCost: typeof billed === "number" ? centsText(billed) : "1.00",
    BilledCost: typeof billed === "number" ? centsText(billed) : billed,
    EffectiveCost: typeof billed === "number" ? centsText(billed) : "1.00",
    ResourceId: "r-1",
    ResourceName: "name",
    ServiceName: "Svc",
    Tags: TAGS_OK,
    ...o,
  };
  return cols.map((c) => v[c]).join(",");
}

/** A file: header + rows joined with "\n" (and a final newline). */
function csv(...rows: string[]): string {
  return [FOCUS_HEADER, ...rows].join("\n") + "\n";
}

const good = (n: number) =>
  Array.from({ length: n }, (_, i) => row(1000 + i, { ResourceId: `g${i}` }));
const goodCents = (n: number) =>
  Array.from({ length: n }, (_, i) => 1000 + i).reduce((a, b) => a + b, 0);

function refused(line: number, message: RegExp, column?: string): CorpusExpectation {
  return { refused: { line, column, message } };
}
function accepted(rows: number, billedCents: number, flagged = 0): CorpusExpectation {
  return { accepted: { rows, billedCents, flagged } };
}
function concat(...parts: (string | Uint8Array)[]): Uint8Array {
  const bytes = parts.map((p) => typeof p === "string" ? enc.encode(p) : p);
  const out = new Uint8Array(bytes.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of bytes) (out.set(b, at), at += b.length);
  return out;
}
function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out.push(...(bigEndian ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8]));
  }
  return new Uint8Array(out);
}
function tagsCell(obj: unknown): string {
  return `"${JSON.stringify(obj).replaceAll('"', '""')}"`;
}

/** Every corpus case (at least 50), generated deterministically. */
export function hostileCorpus(): CorpusCase[] {
  const rnd = seededRandom(20250203);
  const cases: CorpusCase[] = [];
  const add = (name: string, content: string | Uint8Array, expect: CorpusExpectation) =>
    cases.push({
      name,
      bytes: typeof content === "string" ? enc.encode(content) : content,
      expect,
    });
  const BAD_NUMBER = /is not a number/;
  const BAD_DATE = /is not a datetime/;

  // --- structure
  add("empty.csv", "", refused(1, /empty file, no header/));
  add("blank_lines_only.csv", "\n\n\n\n", refused(1, /empty file, no header/));
  add("blank_lines_stray_cr.csv", "\n\n\r\n\n", refused(1, /column 1 has no name in the header/));
  add("header_only.csv", FOCUS_HEADER + "\n", accepted(0, 0));
  add("header_only_no_newline.csv", FOCUS_HEADER, accepted(0, 0));
  add(
    "truncated_row.csv",
    csv(...good(3), "2025-04-01,2025-05-01,2025-04-01,20"),
    refused(5, /the row has 4 fields, the header has 12/),
  );
  add(
    "truncated_in_quotes.csv",
    csv(...good(2)) + row(500).slice(0, -20),
    refused(4, /unterminated quoted field/),
  );
  add(
    "unterminated_quote_middle.csv",
    csv(...good(2), row(1, { ResourceName: '"never closed' }), ...good(3)),
    refused(4, /unterminated quoted field|malformed quotes/),
  );
  add(
    "malformed_quotes.csv",
    csv(...good(1), row(1, { ResourceName: '"abc"def' })),
    refused(3, /malformed quotes/),
  );
  add(
    "extra_field.csv",
    csv(...good(2), row(1) + ",surplus"),
    refused(4, /the row has 13 fields, the header has 12/),
  );
  add("trailing_comma_row.csv", csv(row(1) + ","), refused(2, /13 fields/));
  add(
    "dup_columns.csv",
    FOCUS_HEADER + ",BilledCost\n" + row(1) + ",1.00\n",
    refused(1, /duplicate column name/, "BilledCost"),
  );
  add(
    "dup_columns_case.csv",
    FOCUS_HEADER + ",billedcost\n" + row(1) + ",1.00\n",
    refused(1, /duplicate column name/, "billedcost"),
  );
  add(
    "missing_billed_cost.csv",
    "BillingPeriodStart,ListCost\n2025-04-01,1\n",
    refused(1, /required column BilledCost is missing/),
  );
  const wide = Array.from({ length: 10_000 - 12 }, (_, i) => `x_col_${i}`);
  add(
    "ten_thousand_columns.csv",
    `${FOCUS_HEADER},${wide.join(",")}\n${row(4321)},${wide.map((_, i) => i % 10).join(",")}\n`,
    accepted(1, 4321),
  );
  add(
    "ten_thousand_columns_short_row.csv",
    `${FOCUS_HEADER},${wide.join(",")}\n${row(1)}\n`,
    refused(2, /the row has 12 fields, the header has 10000/),
  );
  add("one_mb_field.csv", csv(row(777, { ResourceName: "A".repeat(1 << 20) })), accepted(1, 777));
  add(
    "one_mb_field_in_money.csv",
    csv(...good(1), row(1, { BilledCost: "9".repeat(1 << 20) })),
    refused(3, BAD_NUMBER, "BilledCost"),
  );
  add(
    "one_mb_header_name.csv",
    `${"H".repeat(1 << 20)},BilledCost\n1,1\n`,
    refused(1, /required column BillingPeriodStart is missing/),
  );
  add(
    "quoted_newlines_then_bad_date.csv",
    csv(
      row(1, { ResourceName: '"line one\nline two\nline three"' }),
      row(2, { BillingPeriodStart: "2025-02-30" }),
    ),
    refused(5, BAD_DATE, "BillingPeriodStart"),
  );
  add(
    "blank_lines_between_rows.csv",
    [FOCUS_HEADER, "", row(100), "", "", row(200), ""].join("\n"),
    accepted(2, 300),
  );
  add("crlf.csv", [FOCUS_HEADER, row(150), row(250)].join("\r\n") + "\r\n", accepted(2, 400));
  add("cr_only.csv", [FOCUS_HEADER, row(150), row(250)].join("\r") + "\r", accepted(2, 400));
  add("utf8_bom.csv", concat(new Uint8Array([0xef, 0xbb, 0xbf]), csv(row(999))), accepted(1, 999));
  const manyBad = Array.from({ length: 30 }, () => row("abc"));
  add(
    "thirty_bad_rows.csv",
    csv(...good(1), ...manyBad),
    refused(3, /20 or more errors; nothing was stored/, "BilledCost"),
  );

  // --- encodings and binary
  add("utf16le_bom.csv", utf16(csv(row(1)), false, true), refused(1, /UTF-16/));
  add("utf16be_bom.csv", utf16(csv(row(1)), true, true), refused(1, /UTF-16/));
  add("utf16le_no_bom.csv", utf16(csv(row(1)), false, false), refused(1, /NUL bytes/));
  add(
    "latin1.csv",
    concat(csv(...good(1)), row(5).replace("name", "Caf"), new Uint8Array([0xe9]), "\n"),
    refused(3, /not valid UTF-8/),
  );
  add(
    "windows1252_quotes.csv",
    concat(FOCUS_HEADER + "\n", new Uint8Array([0x93]), "x\n"),
    refused(2, /not valid UTF-8/),
  );
  add(
    "overlong_utf8.csv",
    concat(csv(...good(2)), new Uint8Array([0xc0, 0x80]), "\n"),
    refused(4, /not valid UTF-8/),
  );
  add(
    "nul_in_cell.csv",
    csv(...good(2), row(1, { ResourceName: "a\0b" })),
    refused(4, /NUL bytes/),
  );
  add("nul_in_header.csv", `BillingPeriodStart\0,BilledCost\n`, refused(1, /NUL bytes/));
  for (let g = 1; g <= 3; g++) {
    const junk = new Uint8Array(4096 * g).map(() => rnd.int(256));
    junk[0] = 0x80; // never a gzip or UTF-16 start
    add(`binary_garbage_${g}.csv`, junk, refused(1, /not valid UTF-8|NUL bytes/));
  }
  add(
    "zip_magic.csv",
    concat(
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0]),
      new Uint8Array(200).map(() => 0xff),
    ),
    refused(1, /NUL bytes|not valid UTF-8/),
  );
  add(
    "pdf_magic.csv",
    concat("%PDF-1.7\n", new Uint8Array([0xe2, 0xe3, 0xcf, 0xd3]), "\n"),
    refused(2, /not valid UTF-8/),
  );
  add("gzip_good.csv.gz", gzipSync(enc.encode(csv(row(4242)))), accepted(1, 4242));
  add(
    "gzip_bad_content.csv.gz",
    gzipSync(enc.encode(csv(...good(1), row("NaN")))),
    refused(3, BAD_NUMBER, "BilledCost"),
  );
  const damaged = gzipSync(enc.encode(csv(...good(200))));
  for (let i = 40; i < damaged.length - 10; i += 7) damaged[i] ^= 0x5a;
  cases.push({
    name: "gzip_damaged.csv.gz",
    bytes: damaged,
    expect: refused(0, /gzip data is damaged|not valid UTF-8|malformed|fields|not a/),
    noLine: true,
  });

  // --- numbers
  for (
    const [name, text] of [
      ["nan", "NaN"],
      ["infinity", "Infinity"],
      ["minus_infinity", "-Infinity"],
      ["e309", "1e309"],
      ["huge_integer", "99999999999999999999"],
      ["dollar_sign", '"$1,234.00"'],
      ["thousands_separator", '"1,234.00"'],
      ["hex", "0x10"],
      ["empty_money", ""],
      ["null_money", "NULL"],
    ]
  ) {
    add(
      `money_${name}.csv`,
      csv(...good(2), row(text)),
      refused(4, name.endsWith("money") ? /is empty; it is required/ : BAD_NUMBER, "BilledCost"),
    );
  }
  add("money_minus_zero.csv", csv(row("-0"), row(100)), accepted(2, 100));
  add("money_tiny_exponent.csv", csv(row("1e-300"), row(100)), accepted(2, 100));
  add("money_exponent_ok.csv", csv(row("1.5E2"), row(100)), accepted(2, 15100));
  add("money_negative_credit.csv", csv(row(-2500), row(10000)), accepted(2, 7500));
  add("money_spaces.csv", csv(row(" 12.50 "), row(100)), accepted(2, 1350));

  // --- dates
  for (
    const [name, text] of [
      ["year_1899", "1899-12-31"],
      ["year_2201", "2201-01-01"],
      ["year_0", "0000-01-01"],
      ["year_9999", "9999-12-31"],
      ["feb_30", "2025-02-30"],
      ["month_0", "2025-00-10"],
      ["hour_25", "2025-04-01T25:00:00Z"],
      ["us_format", "5/1/25"],
      ["epoch_number", "1735689600"],
      ["huge_offset", "2025-04-01T00:00:00+99:00"],
    ]
  ) {
    add(
      `date_${name}.csv`,
      csv(...good(1), row(1, { BillingPeriodStart: text })),
      refused(3, BAD_DATE, "BillingPeriodStart"),
    );
  }

  // --- tags (accepted: attribution is tags' business; bad tags are flagged for review)
  add(
    "tags_invalid_json.csv",
    csv(row(300, { Tags: '"{pi_email: x@example.edu}"' }), row(200)),
    accepted(2, 500, 1),
  );
  add("tags_json_array.csv", csv(row(300, { Tags: '"[1,2,3]"' })), accepted(1, 300, 1));
  add("tags_json_string.csv", csv(row(300, { Tags: '"""just a string"""' })), accepted(1, 300, 1));
  add(
    "tags_nested.csv",
    csv(
      row(300, {
        Tags: tagsCell({
          pi_email: { a: { b: 1 } },
          project_id: ["x"],
          fund_org: { deep: { deeper: { deepest: "F" } } },
        }),
      }),
    ),
    accepted(1, 300, 1),
  );
  add(
    "tags_deeply_nested.csv",
    csv(row(300, { Tags: `"${"[".repeat(20_000)}${"]".repeat(20_000)}"` })),
    accepted(1, 300, 1),
  );
  add(
    "tags_100k_value.csv",
    csv(
      row(300, {
        Tags: tagsCell({
          pi_email: "pi@example.edu",
          project_id: "p1",
          fund_org: "F-1",
          grant_number: "G".repeat(100_000),
        }),
      }),
    ),
    accepted(1, 300),
  );
  add(
    "tags_100k_pi_email.csv",
    csv(
      row(300, {
        Tags: tagsCell({
          pi_email: "x".repeat(100_000) + "@example.edu",
          project_id: "p1",
          fund_org: "F-1",
        }),
      }),
    ),
    accepted(1, 300, 1),
  );
  add(
    "tags_proto_key.csv",
    csv(
      row(300, {
        Tags: tagsCell({
          ["__proto__"]: { pi_email: "evil@example.edu" },
          project_id: "p",
          fund_org: "F",
        }),
      }),
    ),
    accepted(1, 300, 1),
  );
  add(
    "tags_duplicate_keys.csv",
    csv(
      row(300, {
        Tags:
          `"{""pi_email"":""a@example.edu"",""pi_email"":""b@example.edu"",""project_id"":""p"",""fund_org"":""F""}"`,
      }),
    ),
    accepted(1, 300),
  );

  // --- hostile text (stored as text; neutralised or escaped on output)
  for (
    const [name, text] of [
      ["formula_equals", '=HYPERLINK(""http://evil.example"",""x"")'],
      ["formula_plus", "+cmd|' /C calc'!A0"],
      ["formula_minus", "-2+3"],
      ["formula_at", "@SUM(A1:A9)"],
      ["html_script", "<script>alert(1)</script>"],
      ["rtl_override", "\u202Egnp.exe"],
      ["emoji_combining", "e\u0301\u{1F4A9}"],
    ]
  ) {
    add(
      `text_${name}.csv`,
      csv(row(123, { ResourceName: `"${text}"`, ServiceName: `"${text}"` })),
      accepted(1, 123),
    );
  }
  add(
    "formula_in_tags.csv",
    csv(
      row(321, {
        Tags: tagsCell({ pi_email: "pi@example.edu", project_id: "=1+1", fund_org: "@F" }),
      }),
    ),
    accepted(1, 321),
  );
  return cases;
}

/** Total billed cents of `good(n)` rows (for tests that append good rows). */
export { goodCents };

if (import.meta.main) {
  const out = Deno.args[0];
  if (!out) throw new Error("usage: make_corpus.ts OUT_DIR");
  Deno.mkdirSync(out, { recursive: true });
  for (const c of hostileCorpus()) Deno.writeFileSync(`${out}/${c.name}`, c.bytes);
  console.log(`${hostileCorpus().length} files written to ${out}`);
}
