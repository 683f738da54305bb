/* The neutral page of "Snel weg": the time and the date, nothing else. */
(function () {
  "use strict";
  const lang = document.documentElement.lang;
  function tick() {
    const now = new Date();
    document.getElementById("clock-time").textContent = now.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    document.getElementById("clock-date").textContent = now.toLocaleDateString(lang, { weekday: "long", day: "numeric", month: "long" });
  }
  tick();
  setInterval(tick, 5000);
})();
