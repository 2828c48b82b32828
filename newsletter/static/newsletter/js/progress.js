// A long job's admin page (a send, a subscriber import) while a worker runs it:
// poll the job's counts until it is over, then reload once so that its report
// appears. The page marks its parts with data-progress-* attributes.
(function () {
  "use strict";
  document.querySelectorAll("[data-progress-url]").forEach(function (root) {
    if (root.dataset.finished === "true") return;
    var bar = root.querySelector("[data-progress-bar]");
    var text = root.querySelector("[data-progress-text]");
    var state = root.querySelector("[data-progress-state]");
    var stalled = root.querySelector("[data-progress-stalled]");

    function update(data) {
      bar.max = data.total || 1;
      bar.value = data.done;
      bar.textContent = data.percent + " %";
      text.textContent = text.dataset.template
        .replace("{done}", data.done)
        .replace("{total}", data.total)
        .replace("{percent}", data.percent);
      state.textContent = data.state_label;
      // Nothing claimed for minutes: the page says so until a worker picks it up.
      if (stalled) stalled.hidden = !data.stalled;
    }

    function poll() {
      fetch(root.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          update(data);
          if (data.finished) {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 1000);
  });
})();
