/** Pages whose content is built by the data-pages work: a titled placeholder inside the layout. */

import { Layout } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

/** A GET handler showing `title` and what the page will hold. */
export function placeholderPage(title: string, about: string) {
  return (c: WebContext) =>
    c.html(
      <Layout c={c} title={title}>
        <h1>{title}</h1>
        <div class="panel">
          <p>{about}</p>
          <p class="muted small">This page is not built yet.</p>
        </div>
      </Layout>,
    );
}
