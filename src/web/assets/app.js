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

  // phones show each table row as a block of labelled lines: copy each column's heading to
  // its cells (data-label; app.css shows it under 640 px)
  const labelCells = (root) => {
    root.querySelectorAll("table").forEach((t) => {
      const heads = Array.from(t.querySelectorAll("thead th")).map((th) =>
        (th.textContent || "").replace(/[↑↓]/g, "").trim()
      );
      if (heads.length === 0) return;
      t.querySelectorAll("tbody tr, tfoot tr").forEach((tr) => {
        if (tr.classList.contains("group-head") || tr.classList.contains("total")) return;
        let i = 0;
        Array.from(tr.children).forEach((cell) => {
          if (!cell.hasAttribute("data-label") && heads[i] !== undefined) {
            cell.setAttribute("data-label", heads[i]);
          }
          i += Number(cell.getAttribute("colspan") || "1");
        });
      });
    });
  };
  doc.addEventListener("htmx:afterSettle", (e) => {
    if (e.target && e.target.querySelectorAll) labelCells(e.target);
  });

  // a double click on a shortened id copies its full text
  doc.addEventListener("dblclick", (e) => {
    const el = e.target && e.target.closest ? e.target.closest(".trunc[title]") : null;
    if (!el || !globalThis.navigator.clipboard) return;
    globalThis.navigator.clipboard.writeText(el.getAttribute("title")).then(() => {
      el.classList.add("copied");
      setTimeout(() => el.classList.remove("copied"), 800);
    }, () => {});
  });

  doc.addEventListener("DOMContentLoaded", () => {
    labelCells(doc);
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
