/* Elke Stap: what she changed and has not sent yet stays where it belongs, after any reload,
   online or offline (DEVELOPERS.md, "Offline writes"). On every page load (from the network or
   from the phone's cache) her outbox's waiting changes are put back into the forms they came
   from, matched by the form's address and field names, and each such form says "bewaard op je
   telefoon, nog niet verstuurd (14:02)". A removal that waits hides the thing it removes (the
   element marked `data-offline-removed-by="<the removal's address>"`) and brings it back if the
   server refuses. A change the server did not apply says so in plain words, with what she had
   typed, to copy. Listens to outbox.js: `es:outbox-kept` and `es:outbox-result`. */
(function () {
  "use strict";
  const ES = window.ElkeStap;
  const outbox = window.ElkeStapOutbox;
  const me = document.body.dataset.user || "";
  if (!ES || !outbox || !me) return;
  const strings = ES.strings;
  const SYSTEM = new Set(["csrf_token", "mutation_id", "client_time", "owner"]);
  const tracked = new Map(); // mutation id -> {form, fields, saved, note, removed}

  const fieldsOf = (item) => item.body.filter(([name]) => !SYSTEM.has(name));
  const controls = (form, name) => Array.from(form.elements).filter((c) => c.name === name);
  const pathOf = (form) =>
    new URL(form.getAttribute("hx-post") || form.getAttribute("action") || location.pathname, location.href).pathname;
  const creates = (form) => Boolean(form.querySelector("[data-client-uuid]"));

  function timeOf(iso) {
    const when = new Date(iso);
    const lang = document.documentElement.lang || "nl";
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", numberingSystem: "latn" };
    if (when.toDateString() !== new Date().toDateString()) Object.assign(options, { weekday: "short", day: "numeric" });
    return when.toLocaleString(lang, options);
  }

  function formFor(item) {
    const fields = fieldsOf(item);
    return Array.from(document.querySelectorAll("form[data-offline]")).find((form) =>
      pathOf(form) === item.url && fields.every(([name]) => controls(form, name).length)) || null;
  }

  function remember(saved, control) {
    if (saved.has(control)) return;
    saved.set(control, {
      value: control.value,
      checked: control.checked,
      pressed: control.getAttribute("aria-pressed"),
      selected: control.tagName === "SELECT" ? Array.from(control.options, (o) => o.selected) : null,
    });
  }

  function restore(saved) {
    for (const [control, was] of saved) {
      if (control.tagName === "BUTTON") {
        if (was.pressed !== null) control.setAttribute("aria-pressed", was.pressed);
      } else if (control.type === "checkbox" || control.type === "radio") {
        control.checked = was.checked;
      } else if (was.selected) {
        Array.from(control.options).forEach((o, i) => { o.selected = was.selected[i]; });
      } else {
        control.value = was.value;
      }
    }
    saved.clear();
  }

  /* Her values into the form: texts and choices, a pressed button, ticked boxes. Hidden fields
     (which thing it is about) stay as the page has them. */
  function fill(form, fields, saved) {
    const values = new Map();
    for (const [name, value] of fields) values.set(name, [...(values.get(name) || []), value]);
    const boxes = new Set(Array.from(form.elements).filter((c) => c.type === "checkbox" && !c.disabled).map((c) => c.name));
    for (const name of new Set([...values.keys(), ...boxes])) {
      const chosen = values.get(name) || [];
      let index = 0;
      for (const control of controls(form, name)) {
        if (control.type === "hidden" || control.disabled) continue;
        if (ES.touched && ES.touched.has(control)) { index += 1; continue; } // hers, just now
        // The field her cursor is in is hers too: a value set under her fingers would lose what
        // she selected, and what she types next would be added to the old text.
        if (control === document.activeElement && control.tagName !== "BUTTON") { index += 1; continue; }
        if (control.tagName === "BUTTON") {
          if (!control.hasAttribute("aria-pressed")) continue;
          remember(saved, control);
          control.setAttribute("aria-pressed", String(chosen.includes(control.value)));
        } else if (control.type === "checkbox" || control.type === "radio") {
          remember(saved, control);
          control.checked = chosen.includes(control.value);
        } else if (control.type !== "submit" && index < chosen.length) {
          remember(saved, control);
          control.value = chosen[index];
          index += 1;
          const change = new Event("change", { bubbles: true }); // the fields that follow a choice
          change.esFilled = true;
          control.dispatchEvent(change);
        }
      }
    }
  }

  /* A tick that is a button (cv checklist): `data-offline-pressed-by="done"` says the hidden
     field "done" ("1" or "0") decides whether it shows as ticked; the field then says the
     opposite, so her next tap undoes it. */
  function pressBy(form, fields, saved) {
    for (const button of form.querySelectorAll("button[data-offline-pressed-by]")) {
      const name = button.dataset.offlinePressedBy;
      const sent = fields.find(([field]) => field === name);
      if (!sent) continue;
      const hidden = controls(form, name).find((c) => c.type === "hidden");
      remember(saved, button);
      button.setAttribute("aria-pressed", String(sent[1] === "1"));
      if (hidden) {
        remember(saved, hidden);
        hidden.value = sent[1] === "1" ? "0" : "1";
      }
    }
  }

  function labelOf(control) {
    if (control.tagName === "BUTTON") return control.textContent.trim();
    const label = control.closest("label") || (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`));
    // "Je volgende actie (mag leeg)" says "Je volgende actie"; a question keeps its own mark.
    return label ? label.textContent.replace(/\s*\([^)]*\)\s*$/, "").trim() : "";
  }

  const line = (label, value) => (!label ? value : /[?:؟]$/.test(label) ? `${label} ${value}` : `${label}: ${value}`);

  /* What she typed or chose: [label, value] pairs (a tapped button or box is its own label). */
  function typed(form, fields) {
    const pairs = [];
    for (const [name, value] of fields) {
      if (!value) continue;
      const control = controls(form, name).find((c) => c.type !== "hidden" &&
        (c.tagName !== "BUTTON" || c.value === value) && (c.type !== "checkbox" || c.value === value));
      if (!control) continue;
      if (control.tagName === "BUTTON" || control.type === "checkbox" || control.type === "radio") {
        pairs.push(["", labelOf(control)]);
      } else if (control.tagName === "SELECT") {
        const option = Array.from(control.options).find((o) => o.value === value);
        pairs.push([labelOf(control), option ? option.textContent.trim() : value]);
      } else {
        pairs.push([labelOf(control), value]);
      }
    }
    return pairs.filter(([, value]) => value);
  }

  const typedText = (form, fields) => typed(form, fields).map(([label, value]) => line(label, value)).join("\n");

  function noteAfter(element, text) {
    const note = document.createElement(element.tagName === "LI" ? "li" : "p"); // a list stays a list
    note.className = "outbox-note pending-note";
    note.setAttribute("role", "status");
    note.textContent = text;
    element.after(note);
    return note;
  }

  function hideRemoved(item) {
    const removed = Array.from(document.querySelectorAll("[data-offline-removed-by]"))
      .filter((element) => element.dataset.offlineRemovedBy === item.url && !element.hidden);
    removed.forEach((element) => { element.hidden = true; });
    return removed;
  }

  /* "Noah: verwijderd op je telefoon, nog niet verstuurd (14:02)." (the form's label says what). */
  function removalNote(removed, item) {
    const text = strings.outboxRemovedAt.replace("%(time)s", timeOf(item.clientTime));
    const note = noteAfter(removed[removed.length - 1], text);
    if (item.label) {
      const what = document.createElement("bdi"); // her words keep their own direction
      what.textContent = item.label;
      note.prepend(what, ": ");
    }
    return note;
  }

  function showKept(item) {
    const removed = hideRemoved(item);
    if (removed.length) {
      const note = removalNote(removed, item);
      tracked.set(item.id, { form: null, fields: fieldsOf(item), saved: new Map(), note, removed });
      return;
    }
    const form = formFor(item);
    if (!form) return;
    const fields = fieldsOf(item);
    const saved = new Map();
    let text = strings.outboxPendingAt.replace("%(time)s", timeOf(item.clientTime));
    if (creates(form)) {
      // Something new she made: said under the form, which stays empty for the next one.
      const summary = typed(form, fields).map(([, value]) => value).join(", ");
      if (summary) text += ` ${summary}`;
    } else {
      fill(form, fields, saved);
      pressBy(form, fields, saved);
    }
    const earlier = form.nextElementSibling && form.nextElementSibling.matches(".pending-note") ? form.nextElementSibling : null;
    const note = earlier || noteAfter(form, text);
    note.textContent = text;
    tracked.set(item.id, { form, fields, saved, note, removed: [] });
  }

  function copyBox(text) {
    const box = document.createElement("div");
    box.className = "outbox-typed";
    const intro = document.createElement("p");
    intro.textContent = strings.outboxYourText;
    const copy = document.createElement("textarea");
    copy.readOnly = true;
    copy.dir = "auto";
    copy.rows = Math.min(6, text.split("\n").length + 1);
    copy.value = text;
    box.append(intro, copy);
    return box;
  }

  /* The server's answer to one of her waiting changes. */
  function showResult(result) {
    const mine = tracked.get(result.id);
    const kept = document.querySelector(`.outbox-note[data-mutation="${result.id}"]`);
    if (!mine) return;
    tracked.delete(result.id);
    const note = mine.note || kept;
    const pendingForForm = mine.form && Array.from(tracked.values()).some((t) => t.form === mine.form);
    if (result.result === "applied") {
      if (note && !pendingForForm) {
        note.textContent = mine.removed.length ? strings.outboxRemovedSent : strings.outboxSent;
      }
      return;
    }
    result.handled = true; // said here, under the form: no banner as well
    mine.removed.forEach((element) => { element.hidden = false; });
    if (!pendingForForm) restore(mine.saved);
    const text = result.message || strings.outboxNotApplied;
    const place = note || (mine.form && noteAfter(mine.form, text));
    if (!place) return;
    place.textContent = text;
    place.classList.add("outbox-problem");
    const copyable = mine.form ? typedText(mine.form, mine.fields) : "";
    if (copyable) place.after(copyBox(copyable));
  }

  document.addEventListener("es:outbox-kept", (event) => {
    const { item, form } = event.detail;
    for (const earlier of tracked.values()) {
      // Changed again: the note outbox.js puts under the form now says it.
      if (earlier.form === form && earlier.note) { earlier.note.remove(); earlier.note = null; }
    }
    const removed = hideRemoved(item);
    const note = removed.length ? removalNote(removed, item) : null;
    const saved = new Map();
    if (!removed.length) pressBy(form, fieldsOf(item), saved);
    tracked.set(item.id, { form: removed.length ? null : form, fields: fieldsOf(item), saved, note, removed });
  });
  document.addEventListener("es:outbox-result", (event) => showResult(event.detail));

  // outbox.js waits for this before it sends on page load, so every answer finds its form.
  ES.pendingShown = outbox.mine(me).then((items) => items.forEach(showKept)).catch(() => {});
  // Loaded only while something waits (outbox.js): the page says when its forms show it.
  ES.pendingShown.then(() => { document.documentElement.dataset.pendingShown = "1"; });
})();
