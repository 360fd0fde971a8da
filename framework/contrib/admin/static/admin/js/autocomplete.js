// autocomplete_fields: a search box next to each <select class="admin-autocomplete">
// that asks the admin's JSON autocomplete view and fills the select with the results.
(function () {
  "use strict";
  function enhance(select) {
    if (select.dataset.enhanced) { return; }
    select.dataset.enhanced = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "autocomplete-search";
    box.setAttribute("aria-label", "Search " + (select.dataset.fieldName || ""));
    box.setAttribute("autocomplete", "off");
    select.parentNode.insertBefore(box, select);
    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var params = new URLSearchParams({
          term: box.value, app_label: select.dataset.appLabel,
          model_name: select.dataset.modelName, field_name: select.dataset.fieldName
        });
        fetch(select.getAttribute("data-ajax--url") + "?" + params, {credentials: "same-origin"})
          .then(function (r) { return r.json(); })
          .then(function (data) {
            var keep = Array.prototype.filter.call(select.options, function (o) { return o.selected || o.value === ""; });
            var seen = {};
            keep.forEach(function (o) { seen[o.value] = true; });
            select.innerHTML = "";
            keep.forEach(function (o) { select.appendChild(o); });
            data.results.forEach(function (item) {
              if (seen[item.id]) { return; }
              var option = document.createElement("option");
              option.value = item.id;
              option.textContent = item.text;
              select.appendChild(option);
            });
          });
      }, 250);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select.admin-autocomplete").forEach(enhance);
  });
})();
