/** /help: the user guide. */

import { Layout } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

/** GET /help. */
export function helpPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Help">
      <article class="prose">
        <h1>User guide</h1>
        <p>
          OpenChargeback bills research computing (cloud, HPC, storage) from FOCUS billing files.
          Each month is a <strong>billing period</strong>{" "}
          (YYYY-MM). Charges are imported per source, held for review when something looks wrong,
          then turned into PDF statements for each PI and a general-ledger journal for finance.
        </p>
        <h2>The monthly cycle</h2>
        <ol>
          <li>
            <strong>Import</strong>{" "}
            the month's FOCUS files (Imports). The source is guessed from the file name, the period
            from a YYYY-MM in it; a dry run shows what would change. Importing the same file again
            changes nothing.
          </li>
          <li>
            <strong>Review</strong>{" "}
            flagged charges (Review): a missing or invalid PI email, project or fund/org, a charge
            matching a flag pattern, or a charge outside the expected period. Approve or reject
            them, with a note. Flagged charges are not billed until approved.
          </li>
          <li>
            <strong>Close</strong>{" "}
            the period (Periods) so nothing more is imported into it; reopen it with a reason if
            needed.
          </li>
          <li>
            <strong>Generate and send statements</strong> (Statements), and{" "}
            <strong>export the journal</strong> (Journal).
          </li>
          <li>
            <strong>Finalize</strong> the period: it can no longer change.
          </li>
        </ol>
        <h2>Roles</h2>
        <ul>
          <li>
            <strong>admin</strong>: everything, including users, settings and finalizing.
          </li>
          <li>
            <strong>reviewer</strong>: import, review, generate and send statements, export
            journals.
          </li>
          <li>
            <strong>viewer</strong>: reads everything, changes nothing.
          </li>
          <li>
            <strong>pi</strong>: a principal investigator; signs in with the email their charges
            carry and sees only their own charges, projects and statements.
          </li>
        </ul>
        <h2>Money</h2>
        <p>
          Amounts are kept exactly as the files give them and rounded to cents only where they are
          printed. Totals in different currencies are never added together. The subsidy is the list
          price minus the billed amount.
        </p>
        <h2>Links</h2>
        <p>
          Every page and filter is a plain address: copy it to share a filtered view. The period
          selector at the top applies to every page.
        </p>
        <h2 id="shortcuts">Keyboard shortcuts</h2>
        <ul>
          <li>
            <kbd>?</kbd> shows the shortcuts
          </li>
          <li>
            <kbd>/</kbd> searches charges
          </li>
          <li>
            <kbd>g</kbd> then <kbd>d</kbd> dashboard, <kbd>p</kbd> periods, <kbd>c</kbd> charges,
            {" "}
            <kbd>r</kbd> review
          </li>
        </ul>
        <h2>Security</h2>
        <p>
          Sessions end after {c.get("deps").config.web.session_idle_minutes}{" "}
          minutes without activity and after {c.get("deps").config.web.session_lifetime_hours}{" "}
          hours in any case. Changing your password signs you out everywhere. Sign-ins, sign-outs
          and failed attempts are recorded in the audit log; repeated failures lock the account for
          a while.
        </p>
      </article>
    </Layout>,
  );
}
