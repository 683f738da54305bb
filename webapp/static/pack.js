/* Session packs: a meeting's materials kept on her phone when she asks (a button on the
   meeting page), listed with their size on "Opgeslagen op je telefoon", removable there. Kept
   in the cache "es-pages-packs", which logout wipes with her other pages (app.js). The service
   worker serves the files from it offline (sw.js, fromPackOrNetwork). */
(function () {
  "use strict";
  const CACHE = "es-pages-packs";
  const strings = (window.ElkeStap && window.ElkeStap.strings) ||
    JSON.parse(document.getElementById("es-strings").textContent);
  const lang = document.documentElement.lang || "nl";
  /* Pictures of a meeting come only when she scrolls near them: a page with ten pictures
     costs her the text first (loading="lazy" alone still fetches what is a screen or two away). */
  const pictures = document.querySelectorAll("img[data-src]");
  const show = (img) => { img.src = img.dataset.src; img.removeAttribute("data-src"); };
  if ("IntersectionObserver" in window) {
    const watcher = new IntersectionObserver((entries) => entries.forEach((entry) => {
      if (entry.isIntersecting) { watcher.unobserve(entry.target); show(entry.target); }
    }), { rootMargin: "200px 0px" });
    pictures.forEach((img) => watcher.observe(img));
  } else {
    pictures.forEach(show);
  }
  if (!("caches" in window) || !("serviceWorker" in navigator)) return;

  function size(bytes) {
    const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const text = bytes >= 1e6 ? `${number.format(bytes / 1e6)} MB` : `${number.format(Math.max(1, Math.round(bytes / 1e3)))} kB`;
    return `\u2066${text}\u2069`; // kept left-to-right inside an Arabic sentence
  }
  const indexUrl = (id) => new URL(`/materiaal/opgeslagen/${id}.json`, location.origin).href;

  async function savedPack(id) {
    const found = await (await caches.open(CACHE)).match(indexUrl(id));
    return found ? found.json() : null;
  }

  async function savePack(pack) {
    const cache = await caches.open(CACHE);
    for (const url of pack.files) {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      await cache.put(new URL(url, location.origin).href, response);
    }
    const entry = Object.assign({}, pack, { savedAt: new Date().toISOString() });
    await cache.put(indexUrl(pack.id), new Response(JSON.stringify(entry), { headers: { "Content-Type": "application/json" } }));
    const registration = await navigator.serviceWorker.ready;
    registration.active.postMessage({ type: "CACHE_PAGES", urls: [pack.page] });
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  }

  async function removePack(id) {
    const cache = await caches.open(CACHE);
    const pack = await savedPack(id);
    if (pack) await Promise.all(pack.files.map((url) => cache.delete(new URL(url, location.origin).href)));
    await cache.delete(indexUrl(id));
  }

  async function allPacks() {
    const cache = await caches.open(CACHE);
    const keys = await cache.keys();
    const packs = [];
    for (const request of keys) {
      if (request.url.endsWith(".json") && request.url.includes("/materiaal/opgeslagen/")) {
        packs.push(await (await cache.match(request)).json());
      }
    }
    return packs.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
  }

  /* The button on a meeting page. */
  async function packButton(button) {
    const pack = JSON.parse(button.dataset.pack);
    const status = document.getElementById(button.dataset.status);
    const show = (saved) => {
      button.hidden = false;
      button.setAttribute("aria-pressed", saved ? "true" : "false");
      button.textContent = saved ? strings.packSaved : strings.packSave.replace("%(size)s", size(pack.bytes));
      button.dataset.saved = saved ? "1" : "";
    };
    show(Boolean(await savedPack(pack.id)));
    button.addEventListener("click", async () => {
      if (button.dataset.saved) {
        location.href = button.dataset.manage;
        return;
      }
      button.disabled = true;
      status.textContent = strings.packSaving;
      try {
        await savePack(pack);
        status.textContent = strings.packDone;
        show(true);
      } catch (err) {
        await removePack(pack.id);
        status.textContent = strings.packFailed;
        show(false);
      }
      button.disabled = false;
    });
  }

  /* The page that lists what is kept, with a way to remove each. */
  async function savedList(list) {
    const empty = document.getElementById("packs-empty");
    const used = document.getElementById("packs-used");
    const render = async () => {
      const packs = await allPacks();
      list.replaceChildren();
      empty.hidden = packs.length > 0;
      for (const pack of packs) {
        const item = document.createElement("li");
        item.className = "row";
        item.dataset.pack = pack.id;
        const text = document.createElement("span");
        const link = document.createElement("a");
        link.href = pack.page;
        link.textContent = pack.title;
        const when = new Date(pack.savedAt).toLocaleDateString(lang, { day: "numeric", month: "long" });
        const small = document.createElement("span");
        small.className = "small";
        small.textContent = strings.packLine.replace("%(size)s", size(pack.bytes)).replace("%(date)s", when);
        text.append(link, document.createElement("br"), small);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "small-button";
        remove.textContent = strings.packRemove;
        remove.addEventListener("click", async () => { await removePack(pack.id); render(); });
        item.append(text, remove);
        list.append(item);
      }
      if (navigator.storage && navigator.storage.estimate) {
        const estimate = await navigator.storage.estimate();
        used.textContent = strings.packUsed.replace("%(size)s", size(estimate.usage || 0));
      }
    };
    await render();
  }

  document.querySelectorAll("button[data-pack]").forEach(packButton);
  const list = document.getElementById("packs");
  if (list) savedList(list);
})();
