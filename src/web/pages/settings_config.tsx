/**
 * The settings page's read-only view of the config's import settings (0.4
 * showed them): which tag key fills each attribution field, and the known
 * sources (imports.known_sources) with their upload pattern, credit fund/org
 * and account. They are changed in the config file, not here.
 */

import { Trunc } from "../components/data_kit.tsx";
import type { WebContext } from "../web_env.ts";

const FIELD_LABELS: Record<string, string> = {
  pi_email: "PI email",
  pi_name: "PI name",
  project_id: "Project",
  fund_org: "Fund/org",
  cost_center: "Cost center",
  reference_1: "Reference 1",
  reference_2: "Reference 2",
  account_code: "Account code",
};

/** Tag mapping and known sources, as the config file sets them. */
export function ImportSettings(props: { c: WebContext }) {
  const config = props.c.get("app").config;
  const mapping = Object.entries(config.tag_mapping) as [string, string][];
  const known = config.imports.known_sources;
  return (
    <div class="grid-2">
      <section class="panel" aria-labelledby="h-tags" id="tag-mapping">
        <h2 id="h-tags">Tag mapping</h2>
        <p class="small muted">
          The FOCUS Tags key each charge field is read from (config <code>tag_mapping</code>).
        </p>
        <table>
          <thead>
            <tr>
              <th>Field</th>
              <th>Tag key</th>
            </tr>
          </thead>
          <tbody>
            {mapping.map(([field, key]) => (
              <tr>
                <td>{FIELD_LABELS[field] ?? field}</td>
                <td>
                  <code>{key}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="h-known" id="known-sources">
        <h2 id="h-known">Known sources</h2>
        <p class="small muted">
          Sources an import may name (config{" "}
          <code>imports.known_sources</code>); the pattern guesses the source of an uploaded file.
        </p>
        {known.length === 0 ? <p class="muted">None configured.</p> : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Shown as</th>
                <th>File pattern</th>
                <th>Credit fund/org</th>
                <th>Account</th>
              </tr>
            </thead>
            <tbody>
              {known.map((k) => (
                <tr>
                  <td>{k.name}</td>
                  <td>{k.display_name}</td>
                  <td>
                    <code>
                      <Trunc text={k.pattern} narrow />
                    </code>
                  </td>
                  <td>{k.fund_org}</td>
                  <td>{k.account_code}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
