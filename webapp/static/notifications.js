/* Reminders on her phone, in the service worker (sw.js imports this file): every push shows a
   notification (iOS drops subscriptions that show nothing), its text rendered by the server in
   her language, neutral unless she chose details; a tap opens it or answers it (kept in the
   outbox, outbox.js); a renewed subscription goes to the server. */
(function () {
  "use strict";
  let icons = { icon: "", neutralIcon: "" };
  self.ElkeStapNotifications = {
    configure(settings) { icons = settings; },
  };

  self.addEventListener("push", (event) => {
    let data = {};
    try { data = event.data ? event.data.json() : {}; } catch (err) { data = {}; }
    // A phone where she gave the app a neutral name shows the neutral words and icon (guard.js).
    event.waitUntil(self.ElkeStapGuard.neutralApp().then((neutral) => {
      if (neutral && data.plain) Object.assign(data, data.plain);
      const icon = neutral ? icons.neutralIcon : icons.icon;
      return self.registration.showNotification(data.title || "Elke Stap", {
        body: data.body || "",
        lang: data.lang || "",
        dir: data.dir === "rtl" ? "rtl" : "auto",
        tag: data.tag || undefined,
        icon,
        badge: icon,
        actions: Array.isArray(data.actions) ? data.actions : [],
        data: { url: data.url || "/inbox", answerUrl: data.answerUrl || "", user: data.user || "", title: data.title || "" },
      });
    }));
  });

  self.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const data = event.notification.data || {};
    if (event.action && data.answerUrl) {
      const answering = answerFromNotification(data, event.action);
      try { event.waitUntil(answering); } catch (err) { /* an untrusted (test) event cannot wait */ }
      return;
    }
    let url = new URL((event.notification.data && event.notification.data.url) || "/inbox", self.location.origin);
    if (url.origin !== self.location.origin) url = new URL("/inbox", self.location.origin);
    const opening = openWindowAt(url.href);
    try { event.waitUntil(opening); } catch (err) { /* an untrusted (test) event cannot wait */ }
  });

  /* An answer tapped on the notification: kept in the outbox as hers (the same engine as every
     form), sent now, or by Background Sync and her next visit when the phone is offline. */
  async function answerFromNotification(data, answer) {
    const url = new URL(data.answerUrl, self.location.origin);
    if (url.origin !== self.location.origin) return;
    await self.ElkeStapOutbox.enqueue(url.pathname, [["answer", answer]], { user: String(data.user), label: data.title });
    try { await self.registration.sync.register(self.ElkeStapOutbox.SYNC_TAG); } catch (err) { /* no Background Sync */ }
    await self.ElkeStapOutbox.replay();
  }

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
      // The old auth secret shows the server it is the same browser (the endpoint alone is not).
      body: JSON.stringify({
        oldEndpoint: old.endpoint,
        oldAuth: ((old.toJSON && old.toJSON().keys) || {}).auth || "",
        subscription: sub.toJSON(),
      }),
    });
  }
})();
