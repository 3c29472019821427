// Formset rows of the evaluation pages: »Tilføj række« copies the empty row (<template>) with
// the next index and counts it in TOTAL_FORMS. Without JavaScript the blank rows are there.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset]").forEach(function (box) {
    var prefix = box.getAttribute("data-formset");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = box.querySelector("template");
    var list = box.querySelector(".app-formset-rows");
    var button = box.querySelector(".app-formset-add");
    if (!total || !template || !list || !button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.split("__prefix__").join(total.value);
      var row = holder.firstElementChild;
      list.appendChild(row);
      total.value = String(Number(total.value) + 1);
      var first = row.querySelector("input, textarea, select");
      if (first) { first.focus(); }
    });
  });
})();
