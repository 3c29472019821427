/* helhedsplan: the little behaviour the pages have, kept in a file so the Content Security
   Policy can forbid inline scripts. Every page loads it (templates/base.html). */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");

  // <form data-confirm="Spørgsmål?">: ask before submitting (delete buttons)
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // <form data-submit-once>: a second submit while the first is on its way is dropped (a
  // double-click on »Gem aftalen«); the server also answers a repeated POST on its own.
  // The buttons are disabled only after the submit has started, so the one clicked is sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-submit-once")) { return; }
    if (form.dataset.submitting === "1") { event.preventDefault(); return; }
    if (event.defaultPrevented) { return; }
    form.dataset.submitting = "1";
    form.setAttribute("aria-busy", "true");
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
    }, 0);
  });
  // back to a page the browser kept (bfcache): its forms can be sent again
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      delete form.dataset.submitting;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = false; });
    });
  });

  // <select data-autosubmit>: choosing a value submits its form (the year pickers)
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
