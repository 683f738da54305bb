/* Elke Stap service worker: the app shell, her pages offline, and nothing cached for anyone
   else. Served at /sw.js (scope /) with Cache-Control: no-cache; VERSION changes with every
   change to a static file, which names the shell cache. */
const VERSION = {{ version|tojson }};
const SHELL_CACHE = "es-shell-" + VERSION;
const PAGES_CACHE = "es-pages"; // her private pages: wiped on logout
const PACKS_CACHE = "es-pages-packs"; // session packs she chose to keep (pack.js): wiped with them
const PACK_FILES = "/materiaal/bestand/";
const SHELL = {{ shell|tojson }};
const LATER_SHELL = {{ later_shell|tojson }}; // kept with her pages after login (pwa/views.py)
const OFFLINE_URL = {{ offline_url|tojson }};
const NETWORK_TIMEOUT_MS = 4000;
// Her pages kept on the phone (es-pages, not the session packs she chose): at most this many
// bytes. Pages outside the list of /offline/paginas go first, oldest first; then the list's
// least useful (its end). A page is some 10 to 30 KB, so the budget holds about a hundred.
const PAGES_BUDGET = 2 * 1000 * 1000;
const PAGES_LIST = "/offline/paginas";
// The offline outbox (the same file the pages use): Background Sync sends what she kept.
importScripts({{ asset_url('outbox.js')|tojson }});
// Safe on a shared phone: no page of hers after logout until the server ended the session.
importScripts({{ asset_url('guard.js')|tojson }});
self.ElkeStapGuard.configure({ open: {{ open_pages|tojson }}, offline: OFFLINE_URL, lock: {{ lock_script|tojson }} });
// Reminders as notifications (push, a tap on one, a renewed subscription).
importScripts({{ asset_url('notifications.js')|tojson }});
self.ElkeStapNotifications.configure({
  icon: SHELL.find((u) => u.includes("icon-192")),
  neutralIcon: {{ asset_url('icons/neutral/icon-192.png')|tojson }},
});

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then(async (cache) => cache.addAll(await self.ElkeStapGuard.shell(SHELL))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("es-shell-") && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      // A new version while she is logged in (her pages are here): the scripts kept with her
      // pages come again now, not only at her next login.
      .then(laterShellIfHers)
  );
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") self.skipWaiting();
  if (type === "WIPE") event.waitUntil(caches.delete(PAGES_CACHE));
  if (type === "CACHE_PAGES") event.waitUntil(cachePages(event.data.urls || []));
  if (type === "REFRESH_PAGES") event.waitUntil(refreshHerPages(event.data.first || []));
  // Each page of hers asks (app.js), the first after login too: a first try that failed
  // (offline, a busy server) comes again with the next page she opens, whether or not her
  // pages are kept on this phone.
  if (type === "KEEP_LATER_SHELL") event.waitUntil(cacheLaterShell());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && request.mode === "navigate" && url.origin === self.location.origin) {
    event.respondWith(self.ElkeStapGuard.navigate(request, () => postOrKeep(request)));
    return;
  }
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.headers.get("HX-Request")) return; // a fragment is never a page
  if (url.pathname.startsWith(PACK_FILES)) {
    event.respondWith(fromPackOrNetwork(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(self.ElkeStapGuard.navigate(request, () => networkFirstPage(request)));
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
   it in the outbox, as the change of the form's `owner`, and go back to the page it came from,
   which the cache can show. */
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

/* A material's file: from a session pack she saved (also a byte range of it, so audio can be
   scrubbed offline), else from the network. */
async function fromPackOrNetwork(request) {
  const cached = await (await caches.open(PACKS_CACHE)).match(request.url);
  if (!cached) return fetch(request);
  const range = request.headers.get("Range");
  return range ? rangeOf(cached, range) : cached;
}

async function rangeOf(response, header) {
  const body = await response.blob();
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  let start = match && match[1] ? Number(match[1]) : NaN;
  let end = match && match[2] ? Number(match[2]) : body.size - 1;
  if (match && !match[1] && match[2]) { start = body.size - Number(match[2]); end = body.size - 1; }
  if (!(start >= 0) || start >= body.size) {
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${body.size}` } });
  }
  end = Math.min(end, body.size - 1);
  const headers = new Headers(response.headers);
  headers.set("Content-Range", `bytes ${start}-${end}/${body.size}`);
  headers.set("Content-Length", String(end - start + 1));
  return new Response(body.slice(start, end + 1), { status: 206, headers });
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function networkFirstPage(request) {
  try {
    const response = await withTimeout(revalidated(request), NETWORK_TIMEOUT_MS);
    if (isCacheablePage(response)) {
      await storePage(request.url, response.clone());
      keepWithinBudget().catch(() => {});
    }
    return response;
  } catch (err) {
    const cached = await fromPagesCache(request.url);
    if (cached) return cached;
    return (await offlinePage()) || new Response("offline", { status: 503 });
  }
}

/* Her pages are no-store: the phone's HTTP cache keeps none of them (only this cache does, wiped
   at logout). So the copy kept here asks the server with its ETag, and a page opened again
   unchanged costs her only the headers (304). "ES-Opened" says she opened it herself: a fetch
   of the service worker's own says Sec-Fetch-Dest "empty", like a background one. */
async function revalidated(request) {
  const url = new URL(request.url);
  const kept = !url.search && await (await caches.open(PAGES_CACHE)).match(stripQuery(request.url));
  const tag = kept && kept.headers.get("ETag");
  if (!tag) return fetch(request);
  const response = await fetch(request.url, {
    credentials: "same-origin",
    redirect: "manual", // a redirect goes to the browser as it is, as for any navigation
    headers: { "If-None-Match": tag, Accept: "text/html", "ES-Opened": "1" },
  });
  if (response.status !== 304) return response;
  return new Response(await kept.blob(), { status: 200, headers: kept.headers });
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

/* A page is stored with the time it was fetched, so she can see how fresh it is, and its size,
   for the budget. */
async function storePage(url, response, into) {
  const headers = new Headers(response.headers);
  headers.set("X-Cached-At", new Date().toISOString());
  const body = await response.blob();
  headers.set("X-Size", String(body.size));
  // A background run passes the cache it opened when it began: if her logout deleted that cache
  // meanwhile, the handle is orphaned and a page arriving late is kept nowhere.
  const cache = into || await caches.open(PAGES_CACHE);
  await cache.put(stripQuery(url), new Response(body, { status: 200, headers }));
  // A page that arrived while she logged out on this phone (its wipe ran meanwhile): not kept.
  if (await self.ElkeStapGuard.read("logout")) await cache.delete(stripQuery(url));
}

async function fromPagesCache(url) {
  const cache = await caches.open(PAGES_CACHE);
  const cached = await cache.match(stripQuery(url));
  if (!cached) return null;
  // Her last cv PDF (kept by cv.js) opens as it was kept; only pages get the time mark.
  if (!(cached.headers.get("Content-Type") || "").startsWith("text/html")) return cached;
  const stamp = cached.headers.get("X-Cached-At") || "";
  const html = (await cached.text()).replace("<body ", `<body data-cached-at="${stamp}" `);
  return new Response(html, { status: 200, headers: cached.headers });
}

function stripQuery(url) {
  const u = new URL(url);
  u.search = "";
  return u.toString();
}

/* While she is logged in (her pages are here): the scripts kept with her pages, if missing. */
async function laterShellIfHers() {
  if (await caches.has(PAGES_CACHE)) await cacheLaterShell();
}

/* The scripts only some pages need, into the shell cache (once per version). */
async function cacheLaterShell() {
  const cache = await caches.open(SHELL_CACHE);
  await Promise.all(LATER_SHELL.map(async (url) => {
    if (!(await cache.match(url))) {
      try { await cache.add(url); } catch (err) { /* offline now: the next login fills it */ }
    }
  }));
}

/* After login and every half hour on a good connection (app.js), the pages the server lists
   for her phone: her main pages and those one tap away. Right after login her main pages come
   first, all at once (`first`); the rest one at a time (a cheap phone on a weak connection),
   skipping what was just fetched. A page kept already is asked for with its ETag, so an
   unchanged one costs only headers. Stops when she logged out meanwhile (guard.js). */
const FRESH_MS = 2 * 60 * 1000;
let refreshing = null;
function refreshHerPages(first) {
  refreshing = refreshing || cachePages(first).then(fetchHerPages).finally(() => { refreshing = null; });
  return refreshing;
}

async function fetchHerPages() {
  const loggedOut = () => self.ElkeStapGuard.read("logout");
  let pages;
  try {
    const response = await fetch(PAGES_LIST, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok || response.redirected) return;
    pages = (await response.json()).pages.map((url) => new URL(url, self.location.origin).href);
  } catch (err) { return; }
  if (await loggedOut()) return;
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(new URL(PAGES_LIST, self.location.origin).href, new Response(JSON.stringify(pages), {
    headers: { "Content-Type": "application/json", "X-Cached-At": new Date().toISOString() },
  }));
  let failures = 0;
  for (const url of pages) {
    if (await loggedOut()) return;
    try {
      const kept = await cache.match(url);
      if (kept && Date.now() - Date.parse(kept.headers.get("X-Cached-At") || 0) < FRESH_MS) continue;
      const tag = kept && kept.headers.get("ETag");
      const response = await fetch(url, { credentials: "same-origin", headers: tag ? { "If-None-Match": tag } : {} });
      if (response.status === 304 && kept) {
        await storePage(url, new Response(await kept.blob(), { status: 200, headers: kept.headers }), cache);
      } else if (isCacheablePage(response)) {
        await storePage(url, response, cache);
      }
      failures = 0;
    } catch (err) {
      failures += 1; // a page that failed once; offline now if three in a row
      if (failures >= 3) return; // the next refresh goes on
    }
  }
  await keepWithinBudget();
}

/* Her pages within PAGES_BUDGET: what the last list does not name goes first (oldest first),
   then the list's end. Her cv PDF (cv.js) counts but stays: it is one file she asked for. */
async function keepWithinBudget() {
  const cache = await caches.open(PAGES_CACHE);
  const listed = await cache.match(new URL(PAGES_LIST, self.location.origin).href);
  const order = listed ? await listed.json() : [];
  const pages = [];
  let total = 0;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const size = Number(response.headers.get("X-Size")) || 0;
    total += size;
    if (!(response.headers.get("Content-Type") || "").startsWith("text/html")) continue;
    const rank = order.indexOf(request.url);
    pages.push({ url: request.url, size, rank, at: response.headers.get("X-Cached-At") || "" });
  }
  pages.sort((a, b) => (a.rank < 0) !== (b.rank < 0) ? (a.rank < 0 ? -1 : 1)
    : a.rank < 0 ? a.at.localeCompare(b.at) : b.rank - a.rank);
  for (const page of pages) {
    if (total <= PAGES_BUDGET) break;
    await cache.delete(page.url);
    total -= page.size;
  }
  return total;
}

/* Pages to keep now, all at once: her main pages after login, a session pack's page (pack.js). */
async function cachePages(urls) {
  const cache = await caches.open(PAGES_CACHE);
  await Promise.all(urls.map(async (url) => {
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (isCacheablePage(response)) await storePage(new URL(url, self.location.origin).href, response, cache);
    } catch (err) { /* offline now: the next visit fills the cache */ }
  }));
}
