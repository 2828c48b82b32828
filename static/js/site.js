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

// On a phone the menu folds behind a button, so the page's own content (and a
// project's funding acknowledgement) is seen without scrolling. Without
// JavaScript the menu simply stays open.
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");
  if (!toggle || !menu || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 40rem)");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-collapsed", !open);
  }

  function adapt() {
    toggle.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  if (narrow.addEventListener) narrow.addEventListener("change", adapt);
  adapt();
})();
