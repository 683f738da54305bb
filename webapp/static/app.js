/* Elke Stap in the browser: service worker, update banner, offline notices, and cleaning up
   on logout. Everything here only enhances: every page works without JavaScript. */
(function () {
  "use strict";
  const body = document.body;
  const strings = JSON.parse(document.getElementById("es-strings").textContent);
  const banner = document.getElementById("app-banner");

  function showBanner(text, actionLabel, onAction) {
    banner.replaceChildren();
    const p = document.createElement("span");
    p.textContent = text;
    banner.append(p);
    if (actionLabel) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = actionLabel;
      button.addEventListener("click", onAction);
      banner.append(button);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = strings.close;
    close.addEventListener("click", () => { banner.hidden = true; });
    banner.append(close);
    banner.hidden = false;
  }

  /* After a form came back with a mistake, show it: the message may be far down the page. */
  const firstError = document.querySelector("[aria-invalid='true'], .error-box");
  if (firstError) {
    const closed = firstError.closest("details:not([open])");
    if (closed) closed.open = true;
    firstError.scrollIntoView({ block: "center" });
    if (firstError.matches("input, select, textarea")) firstError.focus({ preventScroll: true });
  }

  /* A page served from the phone's cache says how old it is. */
  if (body.dataset.cachedAt) {
    const when = new Date(body.dataset.cachedAt);
    const time = when.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
    showBanner(strings.cachedAt.replace("%(time)s", time));
  }

  /* Leaving a shared phone clean: forget cached pages and local data before logging out. */
  async function wipeLocalData() {
    if ("caches" in window) {
      const keys = await caches.keys();
      await Promise.all(keys.filter((k) => k.startsWith("es-pages")).map((k) => caches.delete(k)));
    }
    if (window.indexedDB && indexedDB.databases) {
      const dbs = await indexedDB.databases();
      await Promise.all(dbs.filter((d) => d.name && d.name.startsWith("es-")).map((d) => new Promise((resolve) => {
        const req = indexedDB.deleteDatabase(d.name);
        req.onsuccess = req.onerror = req.onblocked = resolve;
      })));
    }
    try { localStorage.removeItem("es-user"); } catch (e) { /* private mode */ }
  }
  window.ElkeStap = { strings, showBanner, wipeLocalData, beforeLogout: [] };

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("[data-logout]") || form.dataset.ready) return;
    event.preventDefault();
    for (const hook of window.ElkeStap.beforeLogout) {
      if ((await hook()) === false) return; // a hook may stop the logout (unsent changes)
    }
    await wipeLocalData();
    form.dataset.ready = "1";
    form.submit();
  });

  /* Another person logs in on this phone: what the previous one left is not hers to see. */
  const user = body.dataset.user || "";
  if (user) {
    let previous = null;
    try { previous = localStorage.getItem("es-user"); } catch (e) { /* private mode */ }
    if (previous && previous !== user) wipeLocalData();
    try { localStorage.setItem("es-user", user); } catch (e) { /* private mode */ }
  }

  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then((registration) => {
    const offerUpdate = (worker) => showBanner(strings.newVersion, strings.reload, () => {
      banner.dataset.updating = "1";
      worker.postMessage({ type: "SKIP_WAITING" });
    });
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    });
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only after she chose "reload" in the banner: a first install never reloads the page.
    if (reloading || !banner.dataset.updating) return;
    reloading = true;
    window.location.reload();
  });

  /* After login, keep her main pages on the phone, and ask the browser not to evict them. */
  if (user && body.dataset.offlinePages) {
    navigator.serviceWorker.ready.then((registration) => {
      registration.active.postMessage({ type: "CACHE_PAGES", urls: JSON.parse(body.dataset.offlinePages) });
    });
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  }
})();
