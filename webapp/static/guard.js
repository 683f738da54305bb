/* Safe on a shared phone: what the service worker and her pages both honour (sw.js imports
   this file). State lives in IndexedDB "es-guard", which the wipe keeps:
   - "logout": she logged out on this phone, the server may not know yet. No page of hers is
     shown, online or offline; the session is ended at the first connection, then it goes.
   - "pin", "lock", "active": the PIN lock (lock.js). While locked, /slot replaces her pages. */
(function (scope) {
  "use strict";
  const DB_NAME = "es-guard";
  const STORE = "state";
  const SYNC_TAG = "es-logout";
  const LOGIN = "/login";
  const LOCK_URL = "/slot";
  const COPIES = "es-public"; // the login page fetched without cookies: nobody's, not wiped
  const TIMEOUT_MS = 5000;
  const CLOSED_AFTER_MS = 15000; // hidden this long is a closed app, not a change of page
  const isPage = typeof window !== "undefined" && scope === window;

  /* ------------------------------------------------------------------ storage */
  const done = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  async function withStore(mode, fn) {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    const db = await done(open);
    db.onversionchange = () => db.close();
    try { // never kept open: a wipe or Clear-Site-Data must be able to delete it
      const tx = db.transaction(STORE, mode);
      const finished = new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = tx.onabort = () => reject(tx.error); });
      const result = await fn(tx.objectStore(STORE));
      await finished;
      return result;
    } finally {
      db.close();
    }
  }

  // Reading never creates the database: after a logout none is left.
  const exists = async () => !indexedDB.databases || (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  const ifThere = (fn) => exists().then((yes) => (yes ? fn() : undefined)).catch(() => undefined);
  const readMany = (keys) => ifThere(() => withStore("readonly", async (s) => {
    const values = await Promise.all(keys.map((key) => done(s.get(key))));
    return Object.fromEntries(keys.map((key, i) => [key, values[i]]));
  })).then((found) => found || {});
  const read = async (key) => (await readMany([key]))[key];
  const write = (key, value) => withStore("readwrite", (s) => done(s.put(value, key)));
  const forget = (key) => ifThere(() => withStore("readwrite", (s) => done(s.delete(key))));

  const drop = (name) => new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });

  function withTimeout(promise, ms) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timeout")), ms);
      promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
    });
  }

  /* ------------------------------------------------------------------ the wipe */
  const outboxReady = isPage && !scope.ElkeStapOutbox
    ? new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }))
    : Promise.resolve();

  /** Her data on this phone: pages, databases, PIN. The outbox is outbox.js's (its logout
      warning drops her changes); `alsoHerChanges` drops them unasked (five wrong PINs). What
      another person left waiting stays. */
  async function wipe(user, alsoHerChanges) {
    if (scope.caches) {
      const keys = await caches.keys();
      await Promise.all(keys.filter((k) => k.startsWith("es-pages")).map((k) => caches.delete(k)));
    }
    if (scope.indexedDB && indexedDB.databases) {
      const names = (await indexedDB.databases()).map((d) => d.name || "");
      await Promise.all(names.filter((n) => n.startsWith("es-") && n !== DB_NAME && n !== "es-outbox").map(drop));
      if (alsoHerChanges && names.includes("es-outbox")) {
        await outboxReady; // outbox.js comes after this file
        if (scope.ElkeStapOutbox) await scope.ElkeStapOutbox.dropMine(user);
      }
    }
    await Promise.all(["pin", "lock", "active"].map(forget));
    if (isPage) {
      // "es-pages": for whom her phone keeps pages (app.js).
      try { ["es-user", "es-pin", "es-pages"].forEach((k) => localStorage.removeItem(k)); } catch (e) { /* private mode */ }
    }
  }

  /* ------------------------------------------------------------------ ending the session */
  let settling = null;

  /** End the session the "logout" mark is about; true once the server has none for this phone. */
  function settle() {
    settling = settling || withTimeout(endSession(), 2 * TIMEOUT_MS).catch(() => false)
      .finally(() => { settling = null; });
    return settling;
  }

  async function endSession() {
    const pending = await read("logout");
    if (!pending) return true;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await withTimeout(fetch("/offline/token", {
        credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" },
      }), TIMEOUT_MS);
      if (answer.status === 401) { // no session here any more
        await forget("logout");
        return true;
      }
      if (!answer.ok || attempt) return false;
      const { token } = await answer.json();
      // As JSON: the phone wiped itself already, so the answer wipes no storage.
      await withTimeout(fetch(pending.url, {
        method: "POST", body: new URLSearchParams({ csrf_token: token }), credentials: "same-origin",
        redirect: "manual", headers: { "X-CSRFToken": token, Accept: "application/json" },
      }), TIMEOUT_MS);
    }
    return false;
  }

  /** Locked now: she locked it, or did not use it for the time she chose, or closed it. */
  async function isLocked() {
    const { pin, lock, active } = await readMany(["pin", "lock", "active"]);
    if (!pin) return false;
    if (lock && lock.locked) return true;
    const now = Date.now();
    if (pin.idleMinutes > 0) return now - ((active && active.at) || 0) > pin.idleMinutes * 60000;
    return Boolean(active && active.hiddenAt) && now - active.hiddenAt > CLOSED_AFTER_MS;
  }

  const api = { read, readMany, write, forget, wipe, settle, isLocked, LOGIN, LOCK_URL };
  scope.ElkeStapGuard = api;

  if (!isPage) {
    /* ---------------------------------------------------------------- the service worker */
    let open = [LOGIN];
    let offlineUrl = "/offline";
    let lockScript = "";
    api.configure = (settings) => ({ open, offline: offlineUrl, lock: lockScript } = settings);
    const isOpen = (url) => open.includes(url.pathname);

    /** A navigation, guarded; `next()` gives the page as usual. */
    api.navigate = async (request, next) => {
      const url = new URL(request.url);
      const pending = await read("logout");
      if (!pending) {
        if (!(await isLocked())) return next();
        if (request.method === "GET" && isOpen(url)) return openPage(request);
        return Response.redirect(LOCK_URL + "?naar=" + encodeURIComponent(url.pathname + url.search), 303);
      }
      if (request.method === "POST" && url.pathname === pending.url) {
        try { // her logout form itself: sent if the network lets it, else she is out here
          const response = await fetch(request);
          settle();
          return response;
        } catch (err) {
          return Response.redirect(LOGIN + "?bye=1", 303);
        }
      }
      if (await settle()) return next();
      if (request.method === "GET" && isOpen(url)) return keptCopy(url);
      return Response.redirect(LOGIN, 303);
    };

    /* A page that shows nothing of anyone, while locked: network, else her copy (her
       language), else the app shell's. Never stored. */
    async function openPage(request) {
      try {
        return await withTimeout(fetch(request), TIMEOUT_MS);
      } catch (err) {
        const key = new URL(request.url);
        key.search = "";
        return (await (await caches.open("es-pages")).match(key.href)) ||
          (await caches.match(key.pathname)) || keptCopy(key);
      }
    }

    async function keptCopy(url) {
      const copy = url.pathname === LOGIN && await (await caches.open(COPIES)).match(LOGIN);
      if (!copy) return (await caches.match(offlineUrl)) || new Response("offline", { status: 503 });
      const html = (await copy.text()).replace("<body ", `<body data-cached-at="${copy.headers.get("X-Cached-At")}" `);
      return new Response(html, { status: 200, headers: copy.headers });
    }

    /* After login, in her language: the login page for when she logs out offline. */
    async function keepLoginPage(lang) {
      const response = await fetch(LOGIN, { credentials: "omit", headers: { "Accept-Language": lang || "nl" } });
      if (!response.ok || response.redirected) return;
      const headers = new Headers(response.headers);
      headers.set("X-Cached-At", new Date().toISOString());
      await (await caches.open(COPIES)).put(LOGIN, new Response(await response.blob(), { status: 200, headers }));
    }

    api.neutralApp = async () => (await read("app")) === "agenda";

    /** The shell at install, with lock.js only on a phone that has a PIN. */
    api.shell = async (files) => ((await read("pin")) && lockScript ? files.concat([lockScript]) : files);

    scope.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "KEEP_LOGIN_PAGE") event.waitUntil(keepLoginPage(data.lang).catch(() => {}));
      // "Snel weg" left her page at once: the wipe and the logout finish here.
      if (data.type === "QUICK_EXIT") event.waitUntil(wipe(data.user).then(settle).catch(() => {}));
    });
    scope.addEventListener("sync", (event) => {
      if (event.tag === SYNC_TAG) event.waitUntil(settle().then((ok) => { if (!ok) throw new Error("later"); }));
    });
    return;
  }

  /* ------------------------------------------------------------------ her pages */
  const strings = JSON.parse(document.getElementById("es-strings").textContent);
  const body = document.body;
  const lockScript = document.currentScript && document.currentScript.dataset.lock;
  const here = () => location.pathname + location.search;

  async function leave(mark, alsoHerChanges) {
    await write("logout", Object.assign({ at: Date.now() }, mark));
    await wipe(mark.user, alsoHerChanges);
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.ready.then((r) => r.sync && r.sync.register(SYNC_TAG)).catch(() => {});
    }
  }

  /** Logout on this phone, with or without internet (app.js, after the beforeLogout warnings). */
  api.logOut = async (form) => {
    await leave({ user: body.dataset.user || "", url: new URL(form.action, location.href).pathname });
    if (navigator.onLine === false) location.replace(LOGIN + "?bye=1");
    else form.submit();
  };

  const REASONS = { pin: "pin", forgot: "pin-vergeten" }; // ?bye= for the login page

  /** Logout from the lock screen (five wrong PINs, or a forgotten one). */
  api.logOutNow = async (user, reason, alsoHerChanges) => {
    await leave({ user, url: "/logout", reason }, alsoHerChanges);
    location.replace(LOGIN + "?bye=" + (REASONS[reason] || "1"));
  };

  /** Lock now: nothing of hers left on the screen, nor in the back button's memory. */
  api.lockNow = async () => {
    const lock = (await read("lock")) || {};
    await write("lock", { locked: true, tries: lock.tries || 0 });
    body.hidden = true;
    document.querySelector("main").replaceChildren();
    location.replace(LOCK_URL + "?naar=" + encodeURIComponent(here()));
  };

  /** "Snel weg": the neutral page at once, and no way back into her pages: locked (if she
      has a PIN and chose that) or logged out; her unsent changes stay for her next login. */
  api.quickExit = async (to) => {
    body.hidden = true;
    const user = body.dataset.user || "";
    const { pin, lock } = await readMany(["pin", "lock"]);
    const locking = pin && pin.onExit !== "logout";
    if (locking) await write("lock", { locked: true, tries: (lock && lock.tries) || 0 });
    else await write("logout", { user, url: "/logout", reason: "exit", at: Date.now() });
    const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!locking && worker) worker.postMessage({ type: "QUICK_EXIT", user });
    location.replace(to);
    if (!locking && !worker) wipe(user);
  };

  function note(text) {
    const p = document.createElement("p");
    p.className = "notice";
    p.setAttribute("role", "status");
    p.textContent = text;
    document.querySelector("main h1").after(p);
  }

  /* The app's name on this phone (a cookie the pages show), for the worker's notifications. */
  const appName = document.documentElement.dataset.app || "";
  try {
    if (localStorage.getItem("es-app") !== appName) {
      (appName ? write("app", appName) : forget("app")).then(() => localStorage.setItem("es-app", appName));
    }
  } catch (e) { /* private mode */ }

  /* A PIN on this phone: her page waits for the lock check, and lock.js comes along. */
  let pinHint = false;
  try { pinHint = localStorage.getItem("es-pin") === "1"; } catch (e) { /* private mode */ }
  if (pinHint && body.dataset.user) {
    body.hidden = true;
    isLocked().then((locked) => (locked ? api.lockNow() : (body.hidden = false)));
  }
  if (lockScript && (pinHint || document.querySelector("[data-lock-screen], [data-pin-settings]"))) {
    const script = document.createElement("script");
    script.src = lockScript;
    document.head.append(script);
  }

  if (body.dataset.user) {
    /* Her page kept in memory for the back button is kept hidden, and shown again only if
       the phone is not locked or logged out meanwhile. */
    window.addEventListener("pagehide", (event) => { if (event.persisted) body.hidden = true; });
    window.addEventListener("pageshow", async (event) => {
      if (!event.persisted) return;
      if (await read("logout")) location.replace(LOGIN);
      else if (await isLocked()) api.lockNow();
      else body.hidden = false;
    });
    const exit = document.querySelector("[data-quick-exit]");
    if (exit) {
      exit.addEventListener("click", (event) => {
        event.preventDefault();
        api.quickExit(exit.href);
      });
      let lastEscape = -1e9; // Escape twice, quickly: the same
      document.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        if (event.timeStamp - lastEscape < 1000) api.quickExit(exit.href);
        lastEscape = event.timeStamp;
      });
    }
  }

  let pendingMark = null;
  read("logout").then(async (pending) => {
    if (!pending) return;
    pendingMark = pending;
    if (body.dataset.user) { // a page of hers that came without the service worker
      body.hidden = true;
      await wipe(body.dataset.user);
      await settle();
      location.replace(LOGIN + "?bye=1");
      return;
    }
    if (location.pathname === LOGIN) {
      note(strings.loggedOutPending);
      const why = { pin: strings.loggedOutPin, forgot: strings.loggedOutForgot }[pending.reason];
      if (why && !document.querySelector(`[data-bye="${REASONS[pending.reason]}"]`)) note(why);
    }
    window.addEventListener("online", settle);
    if (navigator.onLine !== false) settle();
  });

  /* The login page cannot work offline: say so. A copy from the phone gets a fresh form key. */
  const loginForm = location.pathname === LOGIN && document.querySelector("form[action$='/login']");
  if (loginForm) {
    loginForm.addEventListener("submit", async (event) => {
      if (loginForm.dataset.ready || !(navigator.onLine === false || pendingMark || body.dataset.cachedAt)) return;
      event.preventDefault();
      if (navigator.onLine === false) {
        const p = loginForm.querySelector(".offline-login") || document.createElement("p");
        p.className = "error-box offline-login";
        p.setAttribute("role", "alert");
        p.textContent = strings.loginOffline;
        loginForm.prepend(p);
        return;
      }
      await settle();
      if (body.dataset.cachedAt) {
        try {
          const fresh = new DOMParser().parseFromString(await (await fetch(LOGIN)).text(), "text/html");
          loginForm.elements.csrf_token.value = fresh.querySelector("[name=csrf_token]").value;
        } catch (e) { /* the server says the page was open too long */ }
      }
      loginForm.dataset.ready = "1";
      loginForm.submit();
    });
  } else if (body.dataset.user && body.dataset.offlinePages && "serviceWorker" in navigator) {
    navigator.serviceWorker.ready
      .then((r) => r.active.postMessage({ type: "KEEP_LOGIN_PAGE", lang: document.documentElement.lang }))
      .catch(() => {});
  }
})(self);
