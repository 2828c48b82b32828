// The check-in screen: a tap posts the person's form in the background and
// the button shows the new state (aria-pressed) without leaving the page.
// Without this script the same forms post and the page comes back.
(() => {
  const screen = document.querySelector("[data-check-in]");
  if (!screen) return;
  const count = screen.querySelector("[data-check-in-count]");

  screen.addEventListener("submit", async (event) => {
    const form = event.target.closest("[data-check-in-form]");
    if (!form) return;
    event.preventDefault();
    const button = form.querySelector("button");
    const next = form.querySelector("[data-check-in-next]");
    if (button.getAttribute("aria-busy") === "true") return;
    button.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(String(response.status));
      const result = await response.json();
      button.setAttribute("aria-pressed", result.present ? "true" : "false");
      next.value = result.present ? "0" : "1";
      count.textContent = result.text;
    } catch (error) {
      // Let the browser post the form itself: the page comes back with the truth.
      form.submit();
      return;
    } finally {
      button.removeAttribute("aria-busy");
    }
  });

  const filter = screen.querySelector("[data-check-in-filter]");
  if (filter) {
    filter.hidden = false;
    const input = filter.querySelector("input");
    input.addEventListener("input", () => {
      const wanted = input.value.trim().toLowerCase();
      for (const item of screen.querySelectorAll("[data-check-in-name]")) {
        item.hidden = wanted !== "" && !item.dataset.checkInName.includes(wanted);
      }
    });
  }
})();
