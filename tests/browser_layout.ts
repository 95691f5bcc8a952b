/**
 * Layout checks of the browser test: every page at a desktop (1440×900) and a
 * phone (390×844) size, a screenshot of each, and a list of what does not fit:
 * the page scrolling sideways, a table wider than its container (the panel
 * would scroll), or a cell whose text is cut without its full text in a title.
 */

import type { Page } from "playwright-core";

/** The two screen sizes every page must fit. */
export const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/**
 * What does not fit on the page now shown ([] when everything fits). Runs in
 * the browser; tables inside a closed <dialog> or hidden are skipped.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(CHECK) as Promise<string[]>;
}

/** The check, as text run in the page (the tests are type-checked without the DOM library). */
const CHECK = `(() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) {
    out.push("the page scrolls sideways (" + doc.scrollWidth + " > " + doc.clientWidth + " px)");
  }
  const name = (el) => el.tagName.toLowerCase() + (el.getAttribute("id") ? "#" + el.getAttribute("id") : "") +
    (el.getAttribute("class") ? "." + el.getAttribute("class").split(" ")[0] : "");
  for (const t of document.querySelectorAll("table")) {
    if (t.closest("dialog") || t.getClientRects().length === 0) continue;
    const box = t.parentElement;
    if (box.scrollWidth > box.clientWidth + 1) {
      const head = (t.querySelector("th") || t).textContent.trim().slice(0, 30);
      out.push(name(t) + " (first column '" + head + "') overflows " + name(box) + ": " +
        box.scrollWidth + " > " + box.clientWidth + " px");
    }
    for (const el of t.querySelectorAll("td, th, td *")) {
      if (el.getClientRects().length === 0) continue;
      const cut = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "hidden";
      if (cut && !el.title) {
        out.push(name(t) + ": '" + el.textContent.trim().slice(0, 40) + "' is cut without a title");
      }
    }
  }
  return out;
})()`;
