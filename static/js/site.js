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
