/* "Lees voor": the phone reads a card or a page text aloud, in the language of each part (a
   text a medewerker wrote in Dutch is read by a Dutch voice, even on an Arabic page). The
   buttons stay hidden where the phone has no voice for the page's language; the Meer page
   then says how to add one. Nothing leaves the phone: the browser's own speech synthesis. */
(function () {
  "use strict";
  const synth = window.speechSynthesis;
  const strings = (window.ElkeStap && window.ElkeStap.strings) || {};
  const pageLang = document.documentElement.lang || "nl";
  const SKIP = "button, select, input, textarea, form, nav, svg, [hidden], .visually-hidden, [data-no-read]";
  const BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, blockquote, td, th, legend, label";
  // Words she reads on a control (a cv checklist point is its own tick button) are read too.
  const ALSO = "[data-read]";
  let reading = null; // { region, button }

  function voiceFor(lang, voices) {
    const base = lang.toLowerCase().split("-")[0];
    return voices.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === base) || null;
  }

  /* What a region says, block by block: [element, text, language]. */
  function parts(region) {
    const blocks = [...region.querySelectorAll(`${BLOCKS}, ${ALSO}`)].filter(
      (el) =>
        (el.matches(ALSO) || !el.closest(SKIP)) &&
        !el.querySelector(`${BLOCKS}, ${ALSO}`) &&
        el.innerText.trim()
    );
    if (!blocks.length && region.innerText.trim()) blocks.push(region);
    return blocks.map((el) => [el, el.innerText.trim(), (el.closest("[lang]") || document.documentElement).lang]);
  }

  function setButton(button, speaking) {
    button.setAttribute("aria-pressed", speaking ? "true" : "false");
    button.querySelector("span").textContent = speaking ? strings.readAloudStop : strings.readAloud;
  }

  function stop() {
    if (!reading) return;
    synth.cancel();
    for (const el of reading.region.querySelectorAll(".reading")) el.classList.remove("reading");
    reading.region.classList.remove("reading");
    setButton(reading.button, false);
    reading = null;
  }

  function read(region, button) {
    const voices = synth.getVoices();
    const queue = parts(region);
    reading = { region, button };
    setButton(button, true);
    queue.forEach(([el, text, lang], index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      const voice = voiceFor(lang, voices);
      if (voice) utterance.voice = voice;
      utterance.onstart = () => el.classList.add("reading");
      utterance.onend = utterance.onerror = () => {
        el.classList.remove("reading");
        if (index === queue.length - 1 && reading && reading.region === region) stop();
      };
      synth.speak(utterance);
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-read-aloud-button]");
    if (!button) return;
    const region = button.closest("[data-read-aloud]");
    const again = reading && reading.region === region;
    stop();
    if (!again && region) read(region, button);
  });
  // A page she leaves stops talking.
  window.addEventListener("pagehide", stop);

  function offer() {
    const voices = synth ? synth.getVoices() : [];
    const hasVoice = Boolean(voiceFor(pageLang, voices));
    for (const button of document.querySelectorAll("[data-read-aloud-button]")) button.hidden = !hasVoice;
    // The hint waits until the phone has had a moment to list its voices.
    for (const hint of document.querySelectorAll("[data-read-aloud-hint]")) hint.hidden = hasVoice || (!voices.length && !offer.settled);
    return hasVoice;
  }
  if (!synth || !window.SpeechSynthesisUtterance) {
    for (const hint of document.querySelectorAll("[data-read-aloud-hint]")) hint.hidden = false;
    return;
  }
  offer();
  // Voices arrive late on many phones; after a moment, "no voice" is the answer.
  synth.addEventListener("voiceschanged", offer);
  setTimeout(() => { offer.settled = true; offer(); }, 1500);
})();
