/* Elke Stap materials, on the trainster's pages: the size limit checked before anything is
   sent, and a voice recording (MediaRecorder) put into the form's file field. Without
   JavaScript the form still works; the server checks everything again. */
(function () {
  "use strict";
  // Its texts come with the script tag: only the trainster's pages need them.
  const strings = JSON.parse(document.currentScript.dataset.texts);
  const lang = document.documentElement.lang || "nl";

  function size(bytes) {
    const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const text = bytes >= 1e6 ? `${number.format(bytes / 1e6)} MB` : `${number.format(Math.max(1, Math.round(bytes / 1e3)))} kB`;
    return `\u2066${text}\u2069`; // kept left-to-right inside an Arabic sentence
  }

  function checkSize(input) {
    const field = input.closest(".field");
    const error = field.querySelector("[data-file-error]");
    const chosen = field.querySelector("[data-file-chosen]");
    const file = input.files && input.files[0];
    const max = Number(input.dataset.maxBytes);
    error.hidden = true;
    chosen.textContent = "";
    field.classList.remove("has-error");
    input.removeAttribute("aria-invalid");
    if (!file) return;
    if (file.size > max) {
      error.textContent = strings.fileTooBig.replace("%(size)s", size(file.size)).replace("%(max)s", size(max));
      error.hidden = false;
      field.classList.add("has-error");
      input.setAttribute("aria-invalid", "true");
      input.value = "";
      return;
    }
    chosen.textContent = strings.fileChosen.replace("%(name)s", file.name).replace("%(size)s", size(file.size));
  }

  document.querySelectorAll("input[type=file][data-max-bytes]").forEach((input) => {
    input.addEventListener("change", () => checkSize(input));
  });

  /* A recording becomes the file of the form, as if she had chosen it. */
  function recorder(box) {
    const input = document.getElementById(box.dataset.for);
    const start = box.querySelector("[data-record]");
    const stop = box.querySelector("[data-record-stop]");
    const preview = box.querySelector("[data-record-preview]");
    const status = box.querySelector("[data-record-status]");
    let media = null;
    let chunks = [];
    let began = 0;

    start.addEventListener("click", async () => {
      let stream;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      } catch (err) {
        status.textContent = strings.recordRefused;
        return;
      }
      const type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"].find(
        (t) => MediaRecorder.isTypeSupported(t)) || "";
      media = new MediaRecorder(stream, type ? { mimeType: type } : {});
      chunks = [];
      media.addEventListener("dataavailable", (e) => { if (e.data.size) chunks.push(e.data); });
      media.addEventListener("stop", () => {
        stream.getTracks().forEach((t) => t.stop());
        const blobType = (media.mimeType || "audio/webm").split(";")[0];
        const extension = blobType.includes("mp4") ? "m4a" : blobType.includes("ogg") ? "ogg" : "webm";
        const file = new File(chunks, `opname.${extension}`, { type: blobType });
        const list = new DataTransfer();
        list.items.add(file);
        input.files = list.files;
        checkSize(input);
        preview.src = URL.createObjectURL(file);
        preview.hidden = false;
        const seconds = Math.round((Date.now() - began) / 1000);
        status.textContent = strings.recordDone.replace("%(time)s", `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`);
        start.hidden = false;
        stop.hidden = true;
      });
      media.start(1000);
      began = Date.now();
      status.textContent = strings.recording;
      start.hidden = true;
      stop.hidden = false;
    });
    stop.addEventListener("click", () => { if (media && media.state !== "inactive") media.stop(); });
  }

  if (window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.DataTransfer) {
    document.querySelectorAll("[data-recorder]").forEach((box) => {
      box.hidden = false;
      recorder(box);
    });
  }
})();
