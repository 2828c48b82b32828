// A news post's main image: choosing a photo fills its alt text, while that is
// empty, with the image's own description (Wagtail's default alt text), as
// Wagtail's image block does. The editor sees and edits it; nothing blocks.
(function () {
  "use strict";
  function watch() {
    var alt = document.getElementById("id_hero_alt");
    var chooser = document.getElementById("id_hero_image-chooser");
    var preview = chooser && chooser.querySelector("[data-default-alt-text]");
    if (!alt || !preview) return;
    new MutationObserver(function () {
      var text = preview.getAttribute("data-default-alt-text");
      if (text && !alt.value.trim()) {
        alt.value = text;
        alt.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }).observe(preview, { attributes: true, attributeFilter: ["data-default-alt-text"] });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
