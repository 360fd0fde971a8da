// Fill slug-like fields from other fields while the user types (prepopulated_fields),
// until the user edits the slug field by hand. The form works without it.
(function () {
  "use strict";
  function slugify(text, maxLength) {
    var s = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    s = s.replace(/[^\w\s-]/g, "").trim().replace(/[-\s]+/g, "-");
    return s.substring(0, maxLength).replace(/-+$/, "");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("admin-prepopulated");
    if (!node) { return; }
    JSON.parse(node.textContent).forEach(function (item) {
      var target = document.querySelector(item.id);
      if (!target) { return; }
      var sources = item.dependency_ids.map(function (id) { return document.querySelector(id); })
        .filter(Boolean);
      target.dataset.changed = target.value ? "true" : "false";
      target.addEventListener("change", function () { target.dataset.changed = "true"; });
      function populate() {
        if (target.dataset.changed === "true") { return; }
        var text = sources.map(function (s) { return s.value; }).join(" ");
        target.value = slugify(text, item.maxLength);
      }
      sources.forEach(function (s) { s.addEventListener("keyup", populate); s.addEventListener("change", populate); });
    });
  });
})();
