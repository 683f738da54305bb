/* Her cv on the phone: how much room a text has left as she types, a move that shows at once
   (also offline, so a second tap moves on from where the first left it), and sharing the PDF
   with the Web Share API, or downloading it, with the last PDF kept for when there is no
   internet. Everything here only enhances: every form works without JavaScript. */
(function () {
  "use strict";
  const strings = (window.ElkeStap && window.ElkeStap.strings) || {};
  const PAGES_CACHE = "es-pages"; // her private cache, wiped on logout (sw.js, app.js)

  /* ---- what is left of a limit: counted as the server counts it, nothing cut off ---- */
  function counted(field, limit) {
    const value = limit <= 120 ? field.value.split(/\s+/).join(" ") : field.value;
    return value.trim().length;
  }
  document.querySelectorAll("[data-limit]").forEach((field) => {
    const limit = Number(field.dataset.limit);
    const note = document.createElement("p");
    note.className = "limit-count";
    note.id = `${field.id}-count`;
    field.after(note);
    const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    field.setAttribute("aria-describedby", [...described, note.id].join(" "));
    const update = () => {
      const left = limit - counted(field, limit);
      note.classList.toggle("over", left < 0);
      note.textContent = left < 0 ? strings.cvOver.replace("%(n)s", -left) : strings.cvLeft.replace("%(n)s", left);
      note.hidden = left >= 0 && field.tagName !== "TEXTAREA" && left > limit / 4;
    };
    field.addEventListener("input", update);
    update();
  });

  /* ---- moves and removals show at once; the outbox sends them in order ---- */
  function refreshButtons(list) {
    const items = Array.from(list.children);
    items.forEach((item, index) => {
      const up = item.querySelector("button[data-step='-1']");
      const down = item.querySelector("button[data-step='1']");
      if (up) { up.hidden = index === 0; up.value = String(index - 1); }
      if (down) { down.hidden = index === items.length - 1; down.value = String(index + 1); }
    });
  }
  let lastMove = null;
  function focusMoved(item) {
    const button = item && lastMove && (item.querySelector(`button[data-step='${lastMove.step}']:not([hidden])`) ||
      item.querySelector("button[data-step]:not([hidden])"));
    if (button) button.focus();
  }
  // On window, in the capture phase: before the outbox and htmx read the form.
  window.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const item = form.closest(".cv-item");
    if (!item) return;
    if (form.matches("[data-cv-move]") && event.submitter) {
      const list = item.parentElement;
      const items = Array.from(list.children);
      const from = items.indexOf(item);
      const to = Math.max(0, Math.min(items.length - 1, from + Number(event.submitter.dataset.step)));
      event.submitter.value = String(to);
      lastMove = { id: item.id, step: event.submitter.dataset.step };
      // Moved once htmx and the outbox have read the form: focus and the DOM stay put till then.
      setTimeout(() => {
        if (to < from) list.insertBefore(item, items[to]);
        if (to > from) list.insertBefore(item, items[to].nextSibling);
        refreshButtons(list);
        focusMoved(item);
      }, 0);
    } else if (form.matches("[data-cv-remove]")) {
      item.classList.add("is-leaving");
    }
  }, true);
  // After htmx put the server's list in place, the button she tapped keeps the focus.
  document.addEventListener("htmx:afterSwap", () => {
    if (!lastMove) return;
    focusMoved(document.getElementById(lastMove.id));
    lastMove = null;
  });

  /* ---- "Deel je cv": the file to WhatsApp or mail, else a download; offline the last one ---- */
  const share = document.getElementById("cv-share");
  const download = document.getElementById("cv-download");
  if (!download) return;
  const url = new URL(download.getAttribute("href"), location.href).href;
  const status = document.getElementById("cv-share-status");
  const say = (text) => { if (status) status.textContent = text || ""; };

  function nameOf(response) {
    const header = response.headers.get("Content-Disposition") || "";
    const match = header.match(/filename="?([^";]+)"?/);
    return match ? match[1] : "cv.pdf";
  }
  async function keep(response) {
    try { await (await caches.open(PAGES_CACHE)).put(url, response); } catch (e) { /* no room: fine */ }
  }
  async function lastPdf() {
    try { return await (await caches.open(PAGES_CACHE)).match(url); } catch (e) { return null; }
  }
  async function getPdf() {
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok || !(response.headers.get("Content-Type") || "").startsWith("application/pdf")) throw new Error("no pdf");
      await keep(response.clone());
      say("");
      return { blob: await response.blob(), name: nameOf(response) };
    } catch (e) {
      const kept = await lastPdf();
      if (!kept) { say(strings.cvNoCopy); return null; }
      say(strings.cvOldCopy);
      return { blob: await kept.blob(), name: nameOf(kept) };
    }
  }
  function save(pdf) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(pdf.blob);
    link.download = pdf.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
  const probe = typeof File === "function" && new File(["%PDF"], "cv.pdf", { type: "application/pdf" });
  if (share && probe && navigator.canShare && navigator.canShare({ files: [probe] })) {
    share.hidden = false;
    share.addEventListener("click", async () => {
      const pdf = await getPdf();
      if (!pdf) return;
      const file = new File([pdf.blob], pdf.name, { type: "application/pdf" });
      try {
        await navigator.share({ files: [file] });
      } catch (e) {
        if (e.name !== "AbortError") save(pdf); // she closed the share sheet: nothing to do
      }
    });
  }
  download.addEventListener("click", async (event) => {
    event.preventDefault();
    const pdf = await getPdf();
    if (pdf) save(pdf);
  });
})();
