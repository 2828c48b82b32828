// wagtail-localize's translation editor (1.14), mended in two places after
// React builds it (so the editor is watched):
// - its "Upload PO file" button opens a visually hidden <input type="file">
//   that has no label (axe: "label"; keyboard users also tab onto an invisible
//   control). The button is the control people use, so the helper input is
//   taken out of the tab order and the accessibility tree;
// - its section heading "<source> to <target> translation" is English built
//   in JavaScript without gettext: the template supplies the translated title.
(function () {
  "use strict";
  var ENGLISH_TITLE = /^.+ to .+ translation$/;
  function mend(editor) {
    editor.querySelectorAll('form input[type="file"]:not([aria-hidden])').forEach(function (input) {
      input.setAttribute("tabindex", "-1");
      input.setAttribute("aria-hidden", "true");
    });
    var title = editor.dataset.sectionTitle;
    if (!title) return;
    editor.querySelectorAll("section > div > h3").forEach(function (heading) {
      if (ENGLISH_TITLE.test(heading.textContent)) heading.textContent = title;
    });
  }
  function watch() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) return;
    mend(editor);
    new MutationObserver(function () {
      mend(editor);
    }).observe(editor, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
