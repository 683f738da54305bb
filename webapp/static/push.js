/* Elke Stap push notifications: offered after an action that benefits from them (never on
   page load), re-sent to the server on every visit, removed on logout (shared phone). The
   inbox (Berichten) works without any of this. Strings come from window.ElkeStap.strings. */
(function () {
  "use strict";
  const script = document.currentScript;
  const key = script ? script.dataset.key : "";
  const ES = window.ElkeStap;
  if (!ES) return;
  const strings = ES.strings;
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  const ios = /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function send(method, body) {
    return fetch("/push/subscriptions", {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    });
  }

  function keyBytes(base64url) {
    const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  async function current() {
    const registration = await navigator.serviceWorker.ready;
    return { registration, subscription: await registration.pushManager.getSubscription() };
  }

  async function turnOn() {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      ES.showBanner(strings.pushDenied);
      return false;
    }
    const { registration, subscription } = await current();
    const sub = subscription || await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: keyBytes(key),
    });
    const response = await send("POST", sub.toJSON());
    if (response.ok) ES.showBanner(strings.pushOn);
    updateButtons();
    return response.ok;
  }

  async function turnOff() {
    const { subscription } = await current();
    if (subscription) {
      await send("DELETE", { endpoint: subscription.endpoint });
      await subscription.unsubscribe();
    }
    updateButtons();
  }

  /* One sentence about what she gets, with a button; on an iPhone in the browser, how to
     install first. Called after an action, never on load by itself. */
  function offer() {
    if (!key) return;
    if (!supported) {
      if (ios && !standalone) ES.showBanner(strings.pushIos);
      return;
    }
    if (Notification.permission !== "default") return;
    ES.showBanner(strings.pushOffer, strings.pushOfferYes, () => {
      document.getElementById("app-banner").hidden = true;
      turnOn().catch(() => ES.showBanner(strings.pushDenied));
    });
  }
  ES.offerPush = offer;

  async function updateButtons() {
    const on = document.querySelector("[data-push-on]");
    const off = document.querySelector("[data-push-off]");
    const iosNote = document.querySelector("[data-push-ios]");
    const status = document.querySelector("[data-push-status]");
    if (!on || !off) return;
    if (!supported) {
      if (iosNote && ios && !standalone) iosNote.hidden = false;
      return;
    }
    const { subscription } = await current();
    on.hidden = Boolean(subscription) || Notification.permission === "denied";
    off.hidden = !subscription;
    if (status) {
      status.hidden = !(subscription || Notification.permission === "denied");
      status.textContent = subscription ? strings.pushOn : strings.pushDenied;
    }
  }

  if (!key) return; // not logged in as a participant, or push is not set up on the server

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-push-on]")) turnOn().catch(() => ES.showBanner(strings.pushDenied));
    if (event.target.closest("[data-push-off]")) turnOff();
  });
  if (supported) updateButtons();
  if (script.dataset.offer) offer();
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.getResponseHeader("ES-Offer-Push")) offer();
  });

  /* Subscriptions change silently: tell the server again on every visit. */
  if (supported && Notification.permission === "granted") {
    current().then(({ subscription }) => { if (subscription) send("POST", subscription.toJSON()); });
  }

  /* Shared phone: whoever logs in next must not get her notifications. */
  ES.beforeLogout.push(async () => {
    try { if (supported) await turnOff(); } catch (e) { /* offline: the server forgets it on 410 */ }
    return true;
  });
})();
