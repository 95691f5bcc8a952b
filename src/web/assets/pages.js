// OpenChargeback data pages: import drop zone and upload progress, "select all"
// checkboxes, htmx error responses shown in place. Served from /static/ (the CSP
// forbids inline scripts). Runs in the browser, not in Deno.
(() => {
  "use strict";
  const doc = globalThis.document;

  const setupDropzone = () => {
    const zone = doc.getElementById("dropzone");
    const input = doc.getElementById("upload-files");
    const form = doc.getElementById("upload-form");
    if (!zone || !input || !form) return;
    const stop = (e) => {
      e.preventDefault();
      e.stopPropagation();
    };
    ["dragenter", "dragover"].forEach((t) =>
      zone.addEventListener(t, (e) => {
        stop(e);
        zone.classList.add("dragging");
      })
    );
    ["dragleave", "drop"].forEach((t) =>
      zone.addEventListener(t, (e) => {
        stop(e);
        zone.classList.remove("dragging");
      })
    );
    zone.addEventListener("drop", (e) => {
      const files = e.dataTransfer && e.dataTransfer.files;
      if (!files || files.length === 0) return;
      input.files = files;
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    });
  };

  const progress = () => doc.getElementById("upload-progress");

  doc.addEventListener("htmx:xhr:progress", (e) => {
    const p = progress();
    const d = e.detail;
    if (!p || !d || !d.lengthComputable) return;
    p.hidden = false;
    p.value = Math.round((d.loaded / d.total) * 100);
  });

  doc.addEventListener("htmx:afterRequest", () => {
    const p = progress();
    if (p) p.hidden = true;
  });

  // htmx leaves 4xx/5xx responses out; show their message where the answer would go.
  doc.addEventListener("htmx:responseError", (e) => {
    const target = e.detail && e.detail.target;
    const xhr = e.detail && e.detail.xhr;
    if (!target || !xhr) return;
    const box = doc.createElement("div");
    box.className = "error";
    box.setAttribute("role", "alert");
    const tmp = doc.createElement("div");
    tmp.innerHTML = xhr.responseText || "";
    box.textContent = (tmp.textContent || "").trim().slice(0, 500) ||
      "The server refused the request (HTTP " + xhr.status + ").";
    target.prepend(box);
  });

  // <input type="checkbox" data-select-all="NAME"> toggles every checkbox named NAME in its form.
  doc.addEventListener("change", (e) => {
    const box = e.target;
    if (!box || !box.matches || !box.matches("input[data-select-all]")) return;
    const name = box.getAttribute("data-select-all");
    const form = box.form || doc;
    form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach((c) => {
      c.checked = box.checked;
    });
  });

  // the journal page has one format selector: its Export form takes the choice as it is sent
  doc.addEventListener("submit", (e) => {
    const form = e.target;
    if (!form || form.id !== "journal-export") return;
    const format = doc.getElementById("j-format");
    const pending = doc.getElementById("j-pending");
    if (format) form.elements.namedItem("format").value = format.value;
    if (pending) form.elements.namedItem("include_pending").value = pending.checked ? "1" : "";
  });

  doc.addEventListener("DOMContentLoaded", setupDropzone);
})();
