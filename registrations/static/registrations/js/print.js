// The sign-in sheet's "Print" button (shown only where this script runs).
(() => {
  const button = document.querySelector("[data-print]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => window.print());
})();
