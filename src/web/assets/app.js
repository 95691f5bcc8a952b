// OpenChargeback web UI: theme toggle (remembered), keyboard shortcuts, CSRF
// header for htmx, small progressive enhancements. Served from /static/ (the
// CSP forbids inline scripts). Runs in the browser, not in Deno.
(() => {
  "use strict";
  const doc = globalThis.document;
  const root = doc.documentElement;
  let saved = null;
  try {
    saved = globalThis.localStorage.getItem("oc-theme");
  } catch (_e) {
    // storage disabled: follow the system
  }
  if (saved === "light" || saved === "dark") root.setAttribute("data-theme", saved);

  const currentTheme = () => {
    const t = root.getAttribute("data-theme");
    if (t === "light" || t === "dark") return t;
    return globalThis.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  };

  const toggleTheme = () => {
    const next = currentTheme() === "dark" ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try {
      globalThis.localStorage.setItem("oc-theme", next);
    } catch (_e) {
      // not remembered
    }
    const b = doc.getElementById("theme-toggle");
    if (b) b.setAttribute("aria-pressed", String(next === "dark"));
  };

  const csrfToken = () => {
    const m = doc.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  };

  doc.addEventListener("htmx:configRequest", (e) => {
    const t = csrfToken();
    if (t) e.detail.headers["X-CSRF-Token"] = t;
  });

  const typing = (el) => {
    if (!el || !el.tagName) return false;
    const tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  };

  const GO = { d: "/", p: "/periods", c: "/charges", r: "/review" };
  let pendingG = 0;

  doc.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const dialog = doc.getElementById("shortcuts");
    if (e.key === "?") {
      e.preventDefault();
      if (dialog && dialog.showModal && !dialog.open) dialog.showModal();
      return;
    }
    if (e.key === "/") {
      const s = doc.getElementById("global-search");
      if (s) {
        e.preventDefault();
        s.focus();
      }
      return;
    }
    if (e.key === "g") {
      pendingG = Date.now();
      return;
    }
    if (pendingG && Date.now() - pendingG < 1500 && GO[e.key]) {
      pendingG = 0;
      const period = doc.getElementById("period-select");
      const q = period && period.value ? "?period=" + encodeURIComponent(period.value) : "";
      globalThis.location.assign(GO[e.key] + q);
      return;
    }
    pendingG = 0;
  });

  doc.addEventListener("DOMContentLoaded", () => {
    const b = doc.getElementById("theme-toggle");
    if (b) {
      b.setAttribute("aria-pressed", String(currentTheme() === "dark"));
      b.addEventListener("click", toggleTheme);
    }
    const menu = doc.getElementById("menu-toggle");
    const side = doc.getElementById("sidebar");
    if (menu && side) {
      menu.addEventListener("click", () => {
        const open = side.classList.toggle("open");
        menu.setAttribute("aria-expanded", String(open));
      });
    }
    const sel = doc.getElementById("period-select");
    if (sel && sel.form) {
      sel.addEventListener("change", () => sel.form.submit());
      const go = doc.getElementById("period-go");
      if (go) go.hidden = true;
    }
    const close = doc.getElementById("shortcuts-close");
    const dialog = doc.getElementById("shortcuts");
    if (close && dialog) close.addEventListener("click", () => dialog.close());
    // forms asking for confirmation: data-confirm="question"
    doc.querySelectorAll("form[data-confirm]").forEach((f) => {
      f.addEventListener("submit", (e) => {
        if (!globalThis.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
      });
    });
  });
})();
