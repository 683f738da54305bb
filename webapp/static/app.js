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

  /* An error page answered to htmx (a 403, 404, 429, 500…): htmx swaps no error into the page,
     so its text goes into the banner, in her language as the server wrote it. */
  document.addEventListener("htmx:responseError", (event) => {
    const xhr = event.detail.xhr;
    if (!xhr || !xhr.getResponseHeader("ES-Error")) return;
    const fragment = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const text = fragment.body.textContent.trim();
    if (text) showBanner(text);
  });

    /* After a form came back with a mistake, show it: the message may be far down the page. */
  const firstError = document.querySelector("[aria-invalid='true'], .error-box");
  if (firstError) {
    const closed = firstError.closest("details:not([open])");
    if (closed) closed.open = true;
    firstError.scrollIntoView({ block: "center" });
    if (firstError.matches("input, select, textarea")) firstError.focus({ preventScroll: true });
  }

  /* "Hoeveel kinderen neem je mee?": as many age boxes as children, none for none. */
  document.addEventListener("change", (event) => {
    const select = event.target.closest("[data-children]");
    if (!select) return;
    const count = Number(select.value) || 0;
    const form = select.form;
    form.querySelector("[data-ages]").hidden = count === 0;
    for (const field of form.querySelectorAll("[data-age]")) field.hidden = Number(field.dataset.age) > count;
  });

  /* A page served from the phone's cache says how old it is. */
  if (body.dataset.cachedAt) {
    const when = new Date(body.dataset.cachedAt);
    const time = when.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
    showBanner(strings.cachedAt.replace("%(time)s", time));
  }

  /* Leaving a shared phone clean: forget cached pages and local data (guard.js). The outbox
     stays: at logout outbox.js drops only her own changes (what another person left waits
     for her), and deletes the database once it is empty. */
  const wipeLocalData = () => window.ElkeStapGuard.wipe(body.dataset.user || "");
  window.ElkeStap = { strings, showBanner, wipeLocalData, beforeLogout: [] };

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("[data-logout]") || form.dataset.ready) return;
    event.preventDefault();
    for (const hook of window.ElkeStap.beforeLogout) {
      if ((await hook(form)) === false) return; // a hook may stop the logout (unsent changes)
    }
    form.dataset.ready = "1";
    await window.ElkeStapGuard.logOut(form); // wipes, and works without internet too
  });

  /* A form that only works with internet (deleting her account): without it, say so and
     send nothing (the outbox keeps only the forms of the offline engine). */
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("[data-online-only]") || navigator.onLine !== false) return;
    event.preventDefault();
    const refusal = form.querySelector("[data-offline-refusal]");
    if (refusal) refusal.hidden = false;
  });

  /* Another person logs in on this phone: what the previous one left is not hers to see. */
  const user = body.dataset.user || "";
  let wiped = Promise.resolve();
  if (user) {
    let previous = null;
    try { previous = localStorage.getItem("es-user"); } catch (e) { /* private mode */ }
    if (previous && previous !== user) wiped = wipeLocalData().catch(() => {});
    // After the wipe, which forgets whose the phone was.
    wiped = wiped.then(() => {
      try { localStorage.setItem("es-user", user); } catch (e) { /* private mode */ }
    });
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
  }).catch(() => { /* no worker this time (storage being cleared at logout): pages still work */ });
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only after she chose "reload" in the banner: a first install never reloads the page.
    if (reloading || !banner.dataset.updating) return;
    reloading = true;
    window.location.reload();
  });

  /* Her pages on the phone (sw.js, within its budget): her main pages and those one tap away,
     fetched after login and again every half hour while she uses the app on a good
     connection. Only where the login said so (not on a phone she shares, not for staff):
     "es-pages" remembers for whom, and when last. */
  const REFRESH_EVERY_MS = 30 * 60 * 1000;
  function goodConnection() {
    const connection = navigator.connection;
    return navigator.onLine !== false &&
      !(connection && (connection.saveData || /2g/.test(connection.effectiveType || "")));
  }
  function refreshHerPages(now, first) {
    let kept = null;
    try { kept = JSON.parse(localStorage.getItem("es-pages") || "null"); } catch (e) { /* private mode */ }
    if (!now && (!kept || kept.user !== user || Date.now() - kept.at < REFRESH_EVERY_MS)) return;
    if (!goodConnection()) return;
    try { localStorage.setItem("es-pages", JSON.stringify({ user, at: Date.now() })); } catch (e) { /* private mode */ }
    navigator.serviceWorker.ready.then((registration) => {
      registration.active.postMessage({ type: "REFRESH_PAGES", first: first || [] });
    });
  }
  if (user && body.dataset.offlinePages) {
    wiped.then(() => refreshHerPages(true, JSON.parse(body.dataset.offlinePages)));
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist(); // not evicted
  } else if (user) {
    wiped.then(() => refreshHerPages(false));
  }
  if (user) {
    setInterval(() => refreshHerPages(false), REFRESH_EVERY_MS);
    // The scripts kept with her pages (sw.js): fetched again if missing, from every page of hers.
    navigator.serviceWorker.ready.then((registration) => {
      registration.active.postMessage({ type: "KEEP_LATER_SHELL" });
    });
  }
})();
