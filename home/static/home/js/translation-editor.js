// wagtail-localize's translation editor (1.14): its "Upload PO file" button
// opens a visually hidden <input type="file"> that has no label (axe: "label";
// keyboard users also tab onto an invisible control). The button is the
// control people use, so the helper input is taken out of the tab order and
// the accessibility tree. React builds the editor after this runs: watch it.
(function () {
  "use strict";
  function hideHelperInputs(editor) {
    editor.querySelectorAll('form input[type="file"]:not([aria-hidden])').forEach(function (input) {
      input.setAttribute("tabindex", "-1");
      input.setAttribute("aria-hidden", "true");
    });
  }
  function watch() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) return;
    hideHelperInputs(editor);
    new MutationObserver(function () {
      hideHelperInputs(editor);
    }).observe(editor, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
