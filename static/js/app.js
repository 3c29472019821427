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

  // <select data-autosubmit>: choosing a value submits its form (the year pickers)
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
