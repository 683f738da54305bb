/* Elke Stap offline outbox: the browser half of the offline engine (DEVELOPERS.md, "Offline
   writes"). A form marked `data-offline` (with the hidden `mutation_id` and `client_time` fields
   of macros/offline.html) that cannot reach the server is kept in IndexedDB ("es-outbox") and
   sent later, in order: on page load, on `online`, on a tap of "nu versturen", and by Background
   Sync (sw.js imports this same file). The server applies each mutation id at most once.
   Every item says whose it is (`user`, from the form's `owner` field): on a shared phone a
   queue left by someone else is kept for her and never sent as the person logged in now.
   Runs in a page (window) and in the service worker (self). */
(function (scope) {
  "use strict";
  const DB_NAME = "es-outbox";
  const STORE = "items";
  const SYNC_TAG = "es-outbox";
  const isPage = typeof window !== "undefined" && scope === window;

  function uuid() {
    if (scope.crypto && scope.crypto.randomUUID) return scope.crypto.randomUUID();
    const b = scope.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /* ------------------------------------------------------------------ storage */
  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => db.close(); // logout deletes the database: let it
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("blocked"));
    });
  }

  async function withStore(mode, fn) {
    const db = await openDb();
    try {
      const tx = db.transaction(STORE, mode);
      const done = new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      const result = await new Promise((resolve, reject) => {
        const request = fn(tx.objectStore(STORE));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await done;
      return result;
    } finally {
      db.close(); // never keep it open: a logout must be able to delete it
    }
  }

  const all = () => withStore("readonly", (s) => s.getAll());
  const put = (item) => withStore("readwrite", (s) => s.put(item));
  const remove = (seq) => withStore("readwrite", (s) => s.delete(seq));
  const isHers = (item, user) => !item.user || String(item.user) === String(user);

  /** What waits for this person (items made before owners were written count as hers). */
  async function mine(user) {
    return (await all()).filter((item) => isHers(item, user));
  }

  /** Her logout: forget what she kept, keep what others left; no database left when empty. */
  async function dropMine(user) {
    for (const item of await mine(user)) await remove(item.seq);
    if ((await all()).length) return;
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }

  /** Keep a mutation: url, [[name, value], …] (strings only), and its ids. */
  async function enqueue(url, entries, extra) {
    const body = entries.filter(([, v]) => typeof v === "string");
    const get = (name) => (body.find(([k]) => k === name) || [])[1];
    const item = Object.assign({
      id: get("mutation_id") || uuid(),
      url: new URL(url, scope.location.href).pathname,
      body,
      clientTime: get("client_time") || new Date().toISOString(),
      createdAt: new Date().toISOString(),
      user: get("owner") || "",
    }, extra || {});
    item.seq = await put(item);
    if (isPage) {
      requestSync();
    }
    return item;
  }

  function requestSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready
      .then((registration) => registration.sync && registration.sync.register(SYNC_TAG))
      .catch(() => { /* no Background Sync: page load and `online` send it */ });
  }

  /* ------------------------------------------------------------------ replay */
  let running = null;

  /** Send what waits, in order. Resolves to {results, left, login, offline}; `left` counts
      only what is hers (`user`: who the page says is logged in, when it knows). */
  function replay(user) {
    if (!running) {
      const job = () => sendAll(user);
      const locked = scope.navigator && scope.navigator.locks
        ? scope.navigator.locks.request("es-outbox", job)
        : job();
      running = locked.finally(() => { running = null; });
    }
    return running;
  }

  async function sendAll(known) {
    const outcome = { results: [], left: 0, login: false, offline: false };
    const items = known ? await mine(known) : await all();
    if (!items.length) return outcome;
    // Logged out on this phone, the server not told yet (guard.js): nothing goes as her now.
    const guard = scope.ElkeStapGuard;
    if (guard && await guard.read("logout")) return Object.assign(outcome, { login: true, left: items.length });
    let token;
    let user;
    try {
      // A fresh CSRF token first: the page the change was made on may be days old.
      const response = await fetch("/offline/token", {
        credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" },
      });
      if (response.status === 401) return Object.assign(outcome, { login: true, left: items.length });
      if (!response.ok) return Object.assign(outcome, { left: items.length });
      const data = await response.json();
      token = data.token;
      user = String(data.user);
    } catch (e) {
      return Object.assign(outcome, { offline: true, left: items.length });
    }
    for (const item of items) {
      if (!isHers(item, user)) continue; // left by someone else on this phone: kept for her
      const body = new URLSearchParams();
      for (const [name, value] of item.body) {
        if (name !== "csrf_token") body.append(name, value);
      }
      body.append("csrf_token", token);
      let response;
      try {
        response = await fetch(item.url, {
          method: "POST",
          body,
          credentials: "same-origin",
          redirect: "manual",
          headers: {
            Accept: "application/json",
            "X-CSRFToken": token,
            "X-Mutation-Id": item.id,
            "X-Client-Time": item.clientTime,
          },
        });
      } catch (e) {
        outcome.offline = true;
        break;
      }
      let data = null;
      const json = (response.headers.get("Content-Type") || "").includes("application/json");
      if (json) {
        try { data = await response.json(); } catch (e) { data = null; }
      }
      if (response.status === 401 || response.type === "opaqueredirect" || (response.ok && !data)) {
        // A login page is never a success: keep everything and ask her to log in.
        outcome.login = true;
        break;
      }
      if (!data || response.status === 409 || response.status === 429 || response.status >= 500) {
        break; // try again later, in the same order
      }
      if (data.result === "not_yours") continue; // the server agrees: kept for its owner
      await remove(item.seq);
      outcome.results.push({ id: item.id, label: item.label || "", result: data.result, message: data.message || "" });
    }
    outcome.left = (await mine(user)).length;
    return outcome;
  }

  const api = { enqueue, replay, all, mine, dropMine, uuid, DB_NAME, SYNC_TAG };
  scope.ElkeStapOutbox = api;
  if (!isPage) return;

  /* ------------------------------------------------------------------ the page */
  const ES = window.ElkeStap || { strings: {}, beforeLogout: [] };
  const strings = ES.strings;
  const notes = new Map(); // mutation id -> the note shown under its form
  const me = document.body.dataset.user || "";
  const minePage = () => mine(me);
  let lastSent = 0;

  /* What she changes on this page is newer than anything waiting: pending.js, loaded a moment
     later and only while something waits, leaves the fields she touched as she set them. Its
     own filling (an event marked `esFilled`) does not count as hers. */
  const touched = new WeakSet();
  ES.touched = touched;
  for (const type of ["input", "change"]) {
    document.addEventListener(type, (event) => { if (!event.esFilled) touched.add(event.target); }, true);
  }

  function statusBox() {
    let box = document.getElementById("outbox-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "outbox-status";
      box.className = "outbox-status";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      box.hidden = true;
      const header = document.querySelector("header.top") || document.body;
      header.append(box);
    }
    return box;
  }

  async function showCount(state) {
    let count = 0;
    try { count = (await minePage()).length; } catch (e) { return; }
    const box = statusBox();
    box.replaceChildren();
    if (count) {
      const text = document.createElement("span");
      text.className = "outbox-count";
      text.textContent = count === 1 ? strings.outboxOne : strings.outboxMany.replace("%(n)s", count);
      box.append(text);
      if (state && state.login) {
        const link = document.createElement("a");
        link.href = "/login?next=" + encodeURIComponent(location.pathname);
        link.textContent = strings.outboxLoginLink;
        box.append(" ", strings.outboxLogin, " ", link);
      } else {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "small-button";
        button.textContent = strings.outboxSendNow;
        button.addEventListener("click", () => sendNow());
        box.append(button);
      }
      box.dataset.count = String(count);
      box.hidden = false;
    } else if (lastSent) {
      const text = document.createElement("span");
      text.className = "outbox-sent";
      text.textContent = strings.outboxSent;
      const refresh = document.createElement("a");
      refresh.href = location.pathname + location.search; // the page as the server has it now
      refresh.textContent = strings.reload;
      box.append(text, " ", refresh);
      box.dataset.count = "0";
      box.hidden = false;
    } else {
      box.dataset.count = "0";
      box.hidden = true;
    }
  }

  function noteFor(form, id) {
    const note = document.createElement("p");
    note.className = "outbox-note";
    note.setAttribute("role", "status");
    note.textContent = strings.outboxSaved;
    note.dataset.mutation = id;
    form.after(note);
    notes.set(id, note);
    return note;
  }

  /* Each answer: the note under its form says it, and `es:outbox-result` tells pending.js
     (which marks the forms of changes kept before this page loaded). What no form on this
     page says goes into the banner. */
  function report(outcome) {
    const unsaid = [];
    for (const r of outcome.results) {
      lastSent += 1;
      const detail = Object.assign({ handled: false }, r);
      document.dispatchEvent(new CustomEvent("es:outbox-result", { detail }));
      const note = notes.get(r.id) || document.querySelector(`.outbox-note[data-mutation="${r.id}"]`);
      const text = r.result === "applied" ? strings.outboxSent
        : `${strings.outboxNotApplied}${r.message ? ": " + r.message : ""}`;
      if (note) {
        note.textContent = r.result === "applied" ? text : (r.message || text);
        note.classList.toggle("outbox-problem", r.result !== "applied");
      }
      if (r.result !== "applied" && !detail.handled && !(note && note.offsetParent)) unsaid.push(r.message || text);
    }
    if (unsaid.length && ES.showBanner) ES.showBanner(unsaid.join(" "));
    return showCount(outcome);
  }

  async function sendNow() {
    if (navigator.onLine === false) return showCount();
    return report(await replay(me));
  }

  /* A choice among buttons (a status, an RSVP answer) shows as chosen while it waits on the
     phone, so the screen agrees with what she tapped. */
  function showChoice(form, submitter) {
    if (!submitter || !submitter.name || !submitter.hasAttribute("aria-pressed")) return;
    form.querySelectorAll(`button[name="${submitter.name}"][aria-pressed]`).forEach((button) => {
      button.setAttribute("aria-pressed", button === submitter ? "true" : "false");
    });
  }

  async function keep(form, url, entries, submitter) {
    const label = (form.dataset.offlineLabel || "").slice(0, 200);
    await loadPending(); // before this change is stored: pending.js hears of it as it happens
    const item = await enqueue(url, entries, { user: me, label });
    noteFor(form, item.id);
    document.dispatchEvent(new CustomEvent("es:outbox-kept", { detail: { item, form } }));
    const reveal = (submitter && submitter.dataset.offlineReveal) || form.dataset.offlineReveal;
    if (reveal) {
      const target = document.getElementById(reveal);
      if (target) {
        target.hidden = false;
        const folded = target.closest("details");
        if (folded) folded.open = true;
      }
    }
    showChoice(form, submitter);
    await showCount();
    return item;
  }

  /* Each submit of a data-offline form is a new mutation, made now. */
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-offline]")) return;
    const set = (name, value) => {
      let input = form.querySelector(`input[name="${name}"]`);
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.append(input);
      }
      input.value = value;
    };
    set("mutation_id", uuid());
    set("client_time", new Date().toISOString());
    form.querySelectorAll("input[data-client-uuid]").forEach((input) => { input.value = uuid(); });
    if (form.hasAttribute("hx-post")) return; // htmx sends it; see the htmx events below
    if (navigator.onLine !== false) return;   // a normal submit; sw.js keeps it if the network fails
    event.preventDefault();
    const entries = Array.from(new FormData(form, event.submitter || null).entries());
    // getAttribute: a field named "action" hides form.action
    keep(form, form.getAttribute("action") || location.pathname, entries, event.submitter);
  }, true);

  /* htmx forms: a request that cannot reach the server is kept. */
  function keepHtmx(event, login) {
    const config = event.detail && event.detail.requestConfig;
    if (!config || !config.elt) return false;
    const form = config.elt.closest("form[data-offline]");
    if (!form || (config.verb || "").toLowerCase() !== "post") return false;
    const entries = Array.from(config.formData.entries());
    const submitter = config.triggeringEvent && config.triggeringEvent.submitter;
    keep(form, config.path, entries, submitter).then(() => { if (login) showCount({ login: true }); });
    return true;
  }
  document.addEventListener("htmx:sendError", (event) => keepHtmx(event, false));
  document.addEventListener("htmx:beforeOnLoad", (event) => {
    // A 401 carries HX-Redirect to the login page: keep her change instead of leaving.
    const xhr = event.detail.xhr;
    if (xhr && xhr.status === 401 && keepHtmx(event, true)) event.preventDefault();
  });

  window.addEventListener("online", () => sendNow());
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "OUTBOX_RESULT") report(event.data.outcome);
    });
  }

  /* Logout: send what can be sent; warn clearly before anything unsent is wiped. */
  ES.beforeLogout.push(async (form) => {
    let left = [];
    try { left = await minePage(); } catch (e) { return true; }
    if (left.length && navigator.onLine !== false) await report(await replay(me));
    left = await minePage();
    if (left.length && !window.confirm(strings.outboxUnsent)) return false;
    await dropMine(me);
    if ((await all()).length) {
      // What another person left stays for her: the logout must not wipe all storage.
      const keep = document.createElement("input");
      keep.type = "hidden";
      keep.name = "others_waiting";
      keep.value = "1";
      form.append(keep);
    }
    return true;
  });

  /* pending.js shows her waiting changes in their forms. Most pages have none waiting, so it is
     loaded only when one of hers waits (on load, or before she keeps one offline); on load it runs
     to the end before anything is sent, so each answer finds its form. */
  let pendingScript = null;
  function loadPending() {
    if (ES.pendingShown) return Promise.resolve(ES.pendingShown);
    const src = document.body.dataset.pendingScript;
    if (!pendingScript && src) {
      pendingScript = new Promise((resolve) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = () => Promise.resolve(ES.pendingShown).then(resolve, resolve);
        script.onerror = () => resolve();
        document.head.append(script);
      });
    }
    return pendingScript || Promise.resolve();
  }

  if (me) {
    document.addEventListener("DOMContentLoaded", () => {
      mine(me)
        .then((items) => (items.length ? loadPending() : null))
        .catch(() => {})
        .then(() => showCount())
        .then(() => { if (navigator.onLine !== false) sendNow(); });
    });
  }
})(self);
