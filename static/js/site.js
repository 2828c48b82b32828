// Text-size switcher, as on Latvian municipal sites. The choice is kept in
// localStorage (not a cookie: nothing is sent to the server, no consent needed).
(function () {
  "use strict";
  var root = document.documentElement;
  var switcher = document.querySelector(".text-size");
  if (!switcher) return;
  var buttons = switcher.querySelectorAll("button[data-text-size]");

  function apply(size) {
    root.setAttribute("data-text-size", size);
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.textSize === size));
    });
  }

  var saved = null;
  try { saved = window.localStorage.getItem("text-size"); } catch (e) { /* private mode */ }
  apply(saved || "normal");
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      apply(button.dataset.textSize);
      try { window.localStorage.setItem("text-size", button.dataset.textSize); } catch (e) { /* ignore */ }
    });
  });
})();

// Contrast switch beside it: one button, pressed for high contrast, kept the
// same way as the text size.
(function () {
  "use strict";
  var root = document.documentElement;
  var button = document.querySelector(".contrast-switch");
  if (!button) return;

  function apply(contrast) {
    if (contrast === "high") root.setAttribute("data-contrast", "high");
    else root.removeAttribute("data-contrast");
    button.setAttribute("aria-pressed", String(contrast === "high"));
  }

  var saved = null;
  try { saved = window.localStorage.getItem("contrast"); } catch (e) { /* private mode */ }
  apply(saved === "high" ? "high" : "normal");
  button.addEventListener("click", function () {
    var contrast = button.getAttribute("aria-pressed") === "true" ? "normal" : "high";
    apply(contrast);
    try { window.localStorage.setItem("contrast", contrast); } catch (e) { /* ignore */ }
  });
})();

// On a phone the menu folds behind a button (CSS lays it out folded from the
// first paint); the script only opens and closes it.
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  if (!toggle) return;
  toggle.addEventListener("click", function () {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
})();
