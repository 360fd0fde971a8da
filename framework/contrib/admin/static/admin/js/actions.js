// Progressive enhancement of the changelist: "select all" and the selection counter.
// Everything also works without JavaScript (tick boxes, pick an action, press Go).
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    var toggle = document.getElementById("action-toggle");
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input.action-select"));
    var counters = document.querySelectorAll(".action-counter");
    var across = document.querySelectorAll("input.select-across");
    function update() {
      var n = boxes.filter(function (b) { return b.checked; }).length;
      counters.forEach(function (c) { c.textContent = n + " of " + boxes.length + " selected"; });
      if (toggle) { toggle.checked = n === boxes.length && n > 0; }
      document.querySelectorAll(".actions .question").forEach(function (q) {
        q.classList.toggle("hidden", !(toggle && toggle.checked));
      });
    }
    if (toggle) {
      toggle.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = toggle.checked; });
        update();
      });
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    document.querySelectorAll(".actions .question a").forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        across.forEach(function (i) { i.value = 1; });
        document.querySelectorAll(".actions .all, .actions .clear").forEach(function (el) { el.classList.remove("hidden"); });
        document.querySelectorAll(".actions .question, .action-counter").forEach(function (el) { el.classList.add("hidden"); });
      });
    });
    document.querySelectorAll(".actions .clear a").forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        across.forEach(function (i) { i.value = 0; });
        boxes.forEach(function (b) { b.checked = false; });
        document.querySelectorAll(".actions .all, .actions .clear").forEach(function (el) { el.classList.add("hidden"); });
        document.querySelectorAll(".action-counter").forEach(function (el) { el.classList.remove("hidden"); });
        update();
      });
    });
  });
})();
