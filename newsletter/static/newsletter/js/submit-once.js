// A form marked data-submit-once is sent once: a double click on "Confirm and
// send" must not post twice (the server refuses the second send too, but the
// person should not see a refusal for their own click). The buttons are
// disabled only after the submit event, because a button disabled before it
// would leave its name and value (action=confirm) out of the posted data.
(function () {
  "use strict";
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    var buttons = form.querySelectorAll("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting === "true") {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "true";
      window.setTimeout(function () {
        buttons.forEach(function (button) { button.disabled = true; });
      }, 0);
    });
    // Back to this page from the browser's history: the form may be used again.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      form.dataset.submitting = "false";
      buttons.forEach(function (button) { button.disabled = false; });
    });
  });
})();
