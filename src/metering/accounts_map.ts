/**
 * `--accounts accounts.csv`: Slurm accounts (or storage keys) to PI, project
 * and fund. Header required: account,pi_email,project_id,fund_org,pi_name
 * (only `account` is mandatory; other columns are ignored).
 */

import { UserError } from "../domain/errors.ts";
import { CsvTokenizer } from "../ingest/csv_tokenizer.ts";

/** The attribution of one account. */
export interface AccountInfo {
  pi_email: string;
  project_id: string;
  fund_org: string;
  pi_name: string;
}

/** account -> attribution. */
export type AccountMap = Map<string, AccountInfo>;

const FIELDS = ["pi_email", "project_id", "fund_org", "pi_name"] as const;

/** Read an accounts CSV; throws a UserError naming file and line. */
export function loadAccounts(path: string): AccountMap {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    throw new UserError(`cannot read the accounts file ${path}: ${(e as Error).message}.`);
  }
  const tokenizer = new CsvTokenizer(path);
  const rows = [...tokenizer.push(text.replace(/^\uFEFF/, "")), ...tokenizer.end()];
  if (rows.length === 0) throw new UserError(`${path}: the accounts file is empty.`);
  const header = rows[0].cells.map((c) => c.trim().toLowerCase());
  const at = header.indexOf("account");
  if (at < 0) {
    throw new UserError(`${path}:1: the header has no 'account' column.`, {
      hint: "Write the header account,pi_email,project_id,fund_org,pi_name.",
    });
  }
  const map: AccountMap = new Map();
  for (const row of rows.slice(1)) {
    const account = (row.cells[at] ?? "").trim();
    if (account === "" && row.cells.every((c) => c.trim() === "")) continue;
    if (account === "") throw new UserError(`${path}:${row.line}: the account is empty.`);
    if (map.has(account)) {
      throw new UserError(`${path}:${row.line}: account '${account}' is listed twice.`);
    }
    const info = {} as AccountInfo;
    for (const f of FIELDS) {
      const i = header.indexOf(f);
      info[f] = i < 0 ? "" : (row.cells[i] ?? "").trim();
    }
    map.set(account, info);
  }
  return map;
}
