/* Elke Stap service worker: the app shell, her pages offline, and nothing cached for anyone
   else. Served at /sw.js (scope /) with Cache-Control: no-cache; VERSION changes with every
   change to a static file, which names the shell cache. */
const VERSION = {{ version|tojson }};
const SHELL_CACHE = "es-shell-" + VERSION;
const PAGES_CACHE = "es-pages"; // her private pages: wiped on logout
const SHELL = {{ shell|tojson }};
const OFFLINE_URL = {{ offline_url|tojson }};
const NETWORK_TIMEOUT_MS = 4000;
// The offline outbox (the same file the pages use): Background Sync sends what she kept.
importScripts({{ asset_url('outbox.js')|tojson }});

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("es-shell-") && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") self.skipWaiting();
  if (type === "WIPE") event.waitUntil(caches.delete(PAGES_CACHE));
  if (type === "CACHE_PAGES") event.waitUntil(cachePages(event.data.urls || []));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && request.mode === "navigate" && url.origin === self.location.origin) {
    event.respondWith(postOrKeep(request));
    return;
  }
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.headers.get("HX-Request")) return; // a fragment is never a page
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirstPage(request));
  }
});

/* Background Sync: send the outbox, tell open pages what happened, retry later if needed. */
self.addEventListener("sync", (event) => {
  if (event.tag !== self.ElkeStapOutbox.SYNC_TAG) return;
  event.waitUntil(self.ElkeStapOutbox.replay().then(async (outcome) => {
    const windows = await self.clients.matchAll({ type: "window" });
    windows.forEach((client) => client.postMessage({ type: "OUTBOX_RESULT", outcome }));
    if (outcome.offline || (outcome.left && !outcome.login)) throw new Error("retry later");
  }));
});

/* A form of the offline engine (it carries a mutation_id) sent while the network fails: keep
   it in the outbox and go back to the page it came from, which the cache can show. */
async function postOrKeep(request) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (err) {
    let form = null;
    try { form = await copy.formData(); } catch (e) { /* not a form */ }
    if (!form || !form.get("mutation_id")) return Response.error();
    await self.ElkeStapOutbox.enqueue(request.url, Array.from(form.entries()));
    return Response.redirect(request.referrer || "/", 303);
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function networkFirstPage(request) {
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (isCacheablePage(response)) await storePage(request.url, response.clone());
    return response;
  } catch (err) {
    const cached = await fromPagesCache(request.url);
    if (cached) return cached;
    return (await offlinePage()) || new Response("offline", { status: 503 });
  }
}

/* The offline page in her language: the copy fetched after login (into her pages), else the
   one kept at install, which is in the language of the page that installed the worker. */
async function offlinePage() {
  const pages = await caches.open(PAGES_CACHE);
  return (await pages.match(new URL(OFFLINE_URL, self.location.origin).href)) ||
    caches.match(OFFLINE_URL);
}

function isCacheablePage(response) {
  return response.ok && !response.redirected && response.type === "basic" &&
    (response.headers.get("Content-Type") || "").startsWith("text/html");
}

/* A page is stored with the time it was fetched, so she can see how fresh it is. */
async function storePage(url, response) {
  const headers = new Headers(response.headers);
  headers.set("X-Cached-At", new Date().toISOString());
  const body = await response.blob();
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(stripQuery(url), new Response(body, { status: 200, headers }));
}

async function fromPagesCache(url) {
  const cache = await caches.open(PAGES_CACHE);
  const cached = await cache.match(stripQuery(url));
  if (!cached) return null;
  const stamp = cached.headers.get("X-Cached-At") || "";
  const html = (await cached.text()).replace("<body ", `<body data-cached-at="${stamp}" `);
  return new Response(html, { status: 200, headers: cached.headers });
}

function stripQuery(url) {
  const u = new URL(url);
  u.search = "";
  return u.toString();
}

/* After login, app.js asks for her main pages so they work offline even if never opened. */
async function cachePages(urls) {
  await Promise.all(urls.map(async (url) => {
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (isCacheablePage(response)) await storePage(new URL(url, self.location.origin).href, response);
    } catch (err) { /* offline now: the next visit fills the cache */ }
  }));
}

/* ---- Reminders (issue 5): push, notificationclick, pushsubscriptionchange ----------------
   Every push shows a notification (iOS drops subscriptions that show nothing). The text was
   rendered by the server in her language; neutral unless she chose details. */
self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (err) { data = {}; }
  const icon = SHELL.find((u) => u.includes("icon-192"));
  event.waitUntil(self.registration.showNotification(data.title || "Elke Stap", {
    body: data.body || "",
    lang: data.lang || "",
    dir: data.dir === "rtl" ? "rtl" : "auto",
    tag: data.tag || undefined,
    icon,
    badge: icon,
    data: { url: data.url || "/inbox" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  let url = new URL((event.notification.data && event.notification.data.url) || "/inbox", self.location.origin);
  if (url.origin !== self.location.origin) url = new URL("/inbox", self.location.origin);
  const opening = openWindowAt(url.href);
  try { event.waitUntil(opening); } catch (err) { /* an untrusted (test) event cannot wait */ }
});

async function openWindowAt(href) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin === self.location.origin && "navigate" in client) {
      try {
        const navigated = await client.navigate(href);
        try { await (navigated || client).focus(); } catch (err) { /* focus needs the tap */ }
        return navigated;
      } catch (err) { /* not ours to navigate: open a new window below */ }
    }
  }
  return self.clients.openWindow(href);
}

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(renewSubscription(event));
});

async function renewSubscription(event) {
  const old = event.oldSubscription;
  if (!old) return; // without the old endpoint the server cannot tell whose it is: the next visit re-sends
  let sub = event.newSubscription;
  if (!sub) {
    const answer = await fetch("/push/key", { credentials: "same-origin" });
    const { key } = await answer.json();
    if (!key) return;
    const padded = (key + "===".slice((key.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    sub = await self.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)),
    });
  }
  await fetch("/push/subscriptions/renew", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ oldEndpoint: old.endpoint, subscription: sub.toJSON() }),
  });
}
