/* The PIN lock (loaded by guard.js where a PIN is set, on the lock screen and her settings).
   The PIN is checked on the phone (a salted PBKDF2 hash through WebCrypto, in IndexedDB
   "es-guard"), so the lock holds offline. The app locks after the time without use she chose,
   or when she closes it; the service worker then serves /slot instead of her pages (guard.js).
   Five wrong PINs log her out and wipe the phone. A shield against the people around her, not
   against someone with developer tools (README, "Safe on a shared phone"). */
(function () {
  "use strict";
  const guard = window.ElkeStapGuard;
  const strings = JSON.parse(document.getElementById("es-strings").textContent);
  const body = document.body;
  const ITERATIONS = 250000;
  const MAX_TRIES = 5;
  const ACTIVE_EVERY_MS = 10000;

  const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const text = (array) => btoa(String.fromCharCode(...array));

  async function hash(pin, salt, iterations) {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
    return text(new Uint8Array(bits));
  }

  function hint(on) {
    try {
      if (on) localStorage.setItem("es-pin", "1"); else localStorage.removeItem("es-pin");
    } catch (e) { /* private mode */ }
  }

  /* ------------------------------------------------------------------ her pages */
  const user = body.dataset.user || "";
  if (user) {
    let lastWrite = 0;
    const noteActive = (force) => {
      const now = Date.now();
      if (!force && now - lastWrite < ACTIVE_EVERY_MS) return;
      lastWrite = now;
      guard.write("active", { at: now, hiddenAt: null }).catch(() => {});
    };
    const check = async () => {
      if (await guard.isLocked()) { await guard.lockNow(); return true; }
      return false;
    };
    check().then((locked) => {
      if (locked) return;
      noteActive(true);
      guard.lockReady = true; // watching from now on
    });
    for (const type of ["pointerdown", "keydown", "input", "scroll"]) {
      window.addEventListener(type, () => noteActive(false), { passive: true, capture: true });
    }
    setInterval(check, ACTIVE_EVERY_MS);
    document.addEventListener("visibilitychange", async () => {
      if (document.visibilityState === "hidden") {
        guard.write("active", { at: lastWrite || Date.now(), hiddenAt: Date.now() }).catch(() => {});
      } else if (!(await check())) {
        noteActive(true);
      }
    });
  }

  /* ------------------------------------------------------------------ the lock screen */
  const lockScreen = document.querySelector("[data-lock-screen]");
  if (lockScreen) {
    const next = new URLSearchParams(location.search).get("naar") || "/";
    const target = next.startsWith("/") && !next.startsWith("//") ? next : "/";
    const form = document.getElementById("unlock");
    const input = document.getElementById("unlock-pin");
    const error = document.getElementById("unlock-error");
    guard.readMany(["pin", "lock"]).then(({ pin }) => {
      if (!pin) { location.replace(target); return; }
      guard.isLocked().then((locked) => { if (!locked) location.replace(target); });
      form.hidden = false;
      lockScreen.querySelector("[data-forgot-box]").hidden = false;
      input.focus();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const { pin, lock } = await guard.readMany(["pin", "lock"]);
      if (!pin) { location.replace(target); return; }
      const typed = input.value.trim();
      if (typed && await hash(typed, bytes(pin.salt), pin.iterations) === pin.hash) {
        await guard.write("lock", { locked: false, tries: 0 });
        await guard.write("active", { at: Date.now(), hiddenAt: null });
        location.replace(target);
        return;
      }
      const tries = ((lock && lock.tries) || 0) + 1;
      if (tries >= MAX_TRIES) {
        await guard.logOutNow(pin.user, "pin", true);
        return;
      }
      await guard.write("lock", { locked: true, tries });
      const left = MAX_TRIES - tries;
      error.textContent = left === 1 ? strings.pinWrongOne : strings.pinWrongMany.replace("%(n)s", left);
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.value = "";
      input.focus();
    });
    lockScreen.querySelector("[data-forgot]").addEventListener("click", async () => {
      const pin = await guard.read("pin");
      // Her unsent changes stay: they are sent when she logs in again with her password.
      await guard.logOutNow(pin ? pin.user : "", "forgot", false);
    });
  }

  /* ------------------------------------------------------------------ her settings */
  const settings = document.querySelector("[data-pin-settings]");
  if (settings && user) {
    const form = document.getElementById("pin-form");
    const error = document.getElementById("pin-error");
    const saved = document.getElementById("pin-saved");
    const remove = settings.querySelector("[data-pin-remove]");
    const show = (pin) => {
      settings.querySelector("[data-pin-on]").hidden = !pin;
      settings.querySelector("[data-pin-off]").hidden = Boolean(pin);
      remove.hidden = !pin;
      form.hidden = false;
      if (pin) {
        form.elements.idle.value = String(pin.idleMinutes);
        form.elements.on_exit.value = pin.onExit || "lock";
      }
    };
    const problem = (message) => {
      error.textContent = message;
      error.hidden = !message;
      form.elements.pin.setAttribute("aria-invalid", message ? "true" : "false");
      if (message) form.elements.pin.focus();
    };
    guard.read("pin").then(show);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      saved.hidden = true;
      const pin = form.elements.pin.value.trim();
      const again = form.elements.pin_again.value.trim();
      const idleMinutes = Number(form.elements.idle.value);
      const onExit = form.elements.on_exit.value;
      const current = await guard.read("pin");
      if (!pin && current) { // only the time changed
        await guard.write("pin", Object.assign({}, current, { idleMinutes, onExit }));
      } else {
        if (!/^[0-9]{4,6}$/.test(pin)) return problem(strings.pinFormat);
        if (/^(\d)\1+$/.test(pin) || "0123456789".includes(pin) || "9876543210".includes(pin)) return problem(strings.pinEasy);
        if (pin !== again) return problem(strings.pinMismatch);
        const salt = crypto.getRandomValues(new Uint8Array(16));
        await guard.write("pin", {
          user, salt: text(salt), hash: await hash(pin, salt, ITERATIONS), iterations: ITERATIONS, idleMinutes, onExit,
        });
      }
      await guard.write("lock", { locked: false, tries: 0 });
      await guard.write("active", { at: Date.now(), hiddenAt: null });
      hint(true);
      problem("");
      form.reset();
      saved.textContent = strings.pinSaved;
      saved.hidden = false;
      show(await guard.read("pin"));
    });
    remove.addEventListener("click", async () => {
      await guard.forget("pin");
      await guard.forget("lock");
      hint(false);
      saved.textContent = strings.pinRemoved;
      saved.hidden = false;
      show(null);
    });
  }
})();
