/* Progressive enhancement for the import pages; without it the plain form and a meta
   refresh do the same job. No third-party code, no inline handlers. */
(function () {
  "use strict";
  var zone = document.getElementById("import-dropzone");
  if (zone) {
    var input = zone.querySelector("input[type=file]");
    var label = document.getElementById("import-dropzone-file");
    var form = document.getElementById("import-upload-form");
    var maxBytes = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    var show = function () {
      var file = input.files && input.files[0];
      if (!file) { label.textContent = ""; return; }
      // As lib.danish.format_size writes it: »30 MB«, »1,5 MB«, »250 kB«.
      var size = file.size < 1048576 ? Math.round(file.size / 1024) + " kB"
        : String(Math.round(file.size / 104857.6) / 10).replace(".", ",") + " MB";
      label.textContent = file.name + " (" + size + ")" +
        (maxBytes && file.size > maxBytes ? " – for stor" : "");
    };
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("is-over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.remove("is-over");
      });
    });
    zone.addEventListener("drop", function (event) {
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Sender filen …"; }
    });
  }

  var status = document.getElementById("import-status");
  if (status && status.getAttribute("data-done") !== "1") {
    var url = status.getAttribute("data-url");
    var started = Date.now();
    var elapsed = document.getElementById("import-elapsed");
    var poll = function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          if (state.next) { window.location.assign(state.next); return; }
          document.getElementById("import-progress").textContent = state.progress || state.status_label;
          elapsed.textContent = "Forløbet tid: " + Math.round((Date.now() - started) / 1000) + " s.";
          if (state.done) {
            status.querySelector(".app-import-running").hidden = true;
            if (state.error) {
              document.getElementById("import-error").textContent = state.error;
              status.querySelector(".app-import-failed").hidden = false;
            }
            var again = status.querySelector(".app-import-again");
            if (again) { again.hidden = false; }
            var cancel = status.querySelector(".app-import-cancel");
            if (cancel) { cancel.hidden = true; }
            return;
          }
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 700);
  }

  /* The review page: add, remove and move formset rows over each formset's empty row
     (without this the extra blank rows and the Plads/Fjern fields do the same), and mark
     the passage of the source text that the focused field came from. */
  var review = document.getElementById("review-form");
  if (review) {
    var direct = function (parent, selector) {
      for (var i = 0; i < parent.children.length; i++) {
        if (parent.children[i].matches(selector)) { return parent.children[i]; }
      }
      return null;
    };
    var rowsOf = function (list) {
      return Array.prototype.filter.call(list.children, function (row) {
        return row.matches(".app-row") && !row.hidden;
      });
    };
    var renumber = function (list) {
      rowsOf(list).forEach(function (row, index) {
        var head = direct(row, ".app-row-head");
        var order = head.querySelector(".app-row-order");
        if (order) { order.value = String(index + 1); }
        var number = head.querySelector(".app-row-number");
        if (number) { number.textContent = String(index + 1); }
      });
    };
    var enable = function (root) {
      root.querySelectorAll(".app-row-buttons, .app-row-add").forEach(function (el) {
        el.hidden = false;
      });
    };
    review.classList.add("app-rows-js");
    // Blank extra rows give way to the add buttons; the next added row takes the first
    // free index after the rows that stay.
    review.querySelectorAll(".app-rows").forEach(function (container) {
      var list = direct(container, ".app-rows-list");
      var prefix = container.getAttribute("data-prefix");
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var initial = document.getElementById("id_" + prefix + "-INITIAL_FORMS");
      if (!list || !total || !initial) { return; }
      var next = parseInt(initial.value, 10) || 0;
      Array.prototype.slice.call(list.children).forEach(function (row) {
        if (row.hasAttribute("data-blank")) { list.removeChild(row); return; }
        next = Math.max(next, (parseInt(row.getAttribute("data-index"), 10) || 0) + 1);
      });
      total.value = String(next);
    });
    // rows removed before a page with errors came back stay removed
    review.querySelectorAll(".app-row-delete:checked").forEach(function (box) {
      box.closest(".app-row").hidden = true;
    });
    enable(review);
    review.querySelectorAll(".app-rows-list").forEach(renumber);

    var add = function (container) {
      var prefix = container.getAttribute("data-prefix");
      var placeholder = container.getAttribute("data-placeholder");
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = direct(container, "template");
      var list = direct(container, ".app-rows-list");
      if (!total || !template || !list) { return; }
      var holder = document.createElement("template");
      holder.innerHTML = template.innerHTML.split(placeholder).join(total.value);
      var row = holder.content.firstElementChild;
      total.value = String(parseInt(total.value, 10) + 1);
      list.appendChild(holder.content);
      // »Ingen medarbejderressourcer fundet« no longer holds once a line is added.
      var notes = direct(container, ".app-field-warnings");
      if (notes) {
        notes.querySelectorAll("li[data-empty-part]").forEach(function (li) { li.hidden = true; });
        if (!notes.querySelector("li:not([hidden])")) { notes.hidden = true; }
      }
      enable(row);
      renumber(list);
      var first = row.querySelector(".app-row-fields input, .app-row-fields textarea, .app-row-fields select");
      if (first) { first.focus(); }
    };
    var move = function (row, step) {
      var list = row.parentNode;
      var rows = rowsOf(list);
      var at = rows.indexOf(row);
      var other = rows[at + step];
      if (!other) { return; }
      list.insertBefore(row, step < 0 ? other : other.nextSibling);
      renumber(list);
      var button = direct(row, ".app-row-head").querySelector(step < 0 ? ".app-row-up" : ".app-row-down");
      if (button) { button.focus(); }
    };
    var remove = function (row) {
      var list = row.parentNode;
      var head = direct(row, ".app-row-head");
      var box = head.querySelector(".app-row-delete");
      if (box) { box.checked = true; }
      var rows = rowsOf(list);
      var next = rows[rows.indexOf(row) + 1] || rows[rows.indexOf(row) - 1];
      row.hidden = true;
      renumber(list);
      var focus = next ? direct(next, ".app-row-head").querySelector("button") :
        direct(list.parentNode, ".app-row-add");
      if (focus) { focus.focus(); }
    };
    review.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !review.contains(button)) { return; }
      var row = button.closest(".app-row");
      if (button.classList.contains("app-row-add")) { add(button.parentNode); }
      else if (button.classList.contains("app-row-up")) { move(row, -1); }
      else if (button.classList.contains("app-row-down")) { move(row, 1); }
      else if (button.classList.contains("app-row-remove")) { remove(row); }
      else { return; }
      event.preventDefault();
    });

    var source = document.getElementById("source-text");
    var sourceStatus = document.getElementById("source-status");
    if (source) {
      var text = source.textContent;
      var escape = function (word) { return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); };
      var find = function (value) {
        var words = value.split(/\s+/).filter(Boolean);
        var tries = [12, 6, 3];
        for (var i = 0; i < tries.length; i++) {
          if (i > 0 && words.length <= tries[i]) { continue; }
          var pattern = words.slice(0, tries[i]).map(escape).join("[\\s\\u00ad-]+");
          var match = new RegExp(pattern, "i").exec(text);
          if (match) { return match; }
        }
        return null;
      };
      var show = function (match) {
        while (source.firstChild) { source.removeChild(source.firstChild); }
        if (!match) { source.appendChild(document.createTextNode(text)); return; }
        var mark = document.createElement("mark");
        mark.className = "app-source-mark";
        mark.textContent = match[0];
        source.appendChild(document.createTextNode(text.slice(0, match.index)));
        source.appendChild(mark);
        source.appendChild(document.createTextNode(text.slice(match.index + match[0].length)));
        source.scrollTop = Math.max(0, mark.offsetTop - source.clientHeight / 3);
      };
      review.addEventListener("focusin", function (event) {
        var field = event.target;
        var value = "";
        if (field.matches("textarea, input[type=text], input:not([type])")) {
          value = field.value;
        } else if (field.matches("select[name=focus_area]") && field.value) {
          value = field.options[field.selectedIndex].text;
        } else {
          return;
        }
        value = value.trim();
        if (value.length < 2) { show(null); sourceStatus.textContent = ""; return; }
        var match = find(value);
        show(match);
        sourceStatus.textContent = match ? "Feltet er markeret i kildeteksten." :
          "Feltets tekst står ikke ordret i kildeteksten.";
      });
    }
  }
})();
