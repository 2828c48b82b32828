// Wagtail's tag fields (a post's tags, an image's or a document's): jQuery
// tag-it hides the labelled <input> and has people type into a new input of
// its own that has no accessible name (axe: "label"; a screen reader announces
// only "edit text"). Give that input the hidden field's label as its name.
(function () {
  "use strict";
  function nameTagInputs(root) {
    root.querySelectorAll("ul.tagit .tagit-new input").forEach(function (typed) {
      if (typed.hasAttribute("aria-labelledby") || typed.hasAttribute("aria-label")) return;
      var field = typed.closest("ul.tagit").previousElementSibling;
      var labels = field && field.labels ? Array.prototype.slice.call(field.labels) : [];
      var ids = labels.map(function (label) { return label.id; }).filter(Boolean);
      if (ids.length) {
        typed.setAttribute("aria-labelledby", ids.join(" "));
      } else if (labels.length) {
        typed.setAttribute("aria-label", labels[0].textContent.trim());
      }
    });
  }
  function watch() {
    nameTagInputs(document);
    // tag-it builds its input when Wagtail's tag controller connects, which can
    // be after this runs, and again for fields added later (inline panels).
    new MutationObserver(function () {
      nameTagInputs(document);
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
