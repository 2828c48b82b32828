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
  switcher.hidden = false;
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      apply(button.dataset.textSize);
      try { window.localStorage.setItem("text-size", button.dataset.textSize); } catch (e) { /* ignore */ }
    });
  });
})();
