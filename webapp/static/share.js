/* Passing on an invitation (the medewerker's invitation page): copy its link, or share it
   through the phone's own share sheet (Web Share API, so it reaches WhatsApp). Each button
   appears only where the browser can do it; without JavaScript the link is on the page. */
(function () {
  "use strict";
  const box = document.querySelector("[data-pass-on]");
  if (!box) return;
  const link = box.dataset.link;
  const status = box.querySelector("[data-pass-on-status]");
  const copy = box.querySelector("[data-copy]");
  const share = box.querySelector("[data-share]");

  function say(text) {
    status.textContent = text;
  }

  function selectLink() {
    // When the clipboard is refused, the link is selected so a long press copies it.
    const shown = document.querySelector("[data-pass-on-link]");
    const range = document.createRange();
    range.selectNodeContents(shown);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  if (navigator.clipboard && navigator.clipboard.writeText) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(link);
        say(box.dataset.copied);
      } catch (e) {
        selectLink();
        say(box.dataset.copyFailed);
      }
    });
  }

  const message = { title: box.dataset.title, text: box.dataset.text, url: link };
  if (navigator.share && (!navigator.canShare || navigator.canShare(message))) {
    share.hidden = false;
    share.addEventListener("click", async () => {
      try {
        await navigator.share(message);
      } catch (e) {
        // She closed the share sheet (AbortError): nothing to say.
      }
    });
  }
})();
