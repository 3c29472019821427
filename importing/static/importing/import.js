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
      var mb = (file.size / 1048576).toFixed(1).replace(".", ",");
      label.textContent = file.name + " (" + mb + " MB)" +
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
})();
