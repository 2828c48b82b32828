// A subscriber import's page while a worker imports: poll the row count until
// the import is over, then reload once so that the report appears.
(function () {
  "use strict";
  var root = document.getElementById("newsletter-import-report");
  if (!root || root.dataset.finished === "true") return;
  var bar = document.getElementById("import-progress");
  var text = document.getElementById("import-progress-text");
  var state = document.getElementById("import-state");
  var template = text.dataset.template;

  function update(data) {
    bar.max = data.total || 1;
    bar.value = data.done;
    bar.textContent = data.percent + " %";
    text.textContent = template.replace("{done}", data.done).replace("{total}", data.total);
    state.textContent = data.state_label;
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
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
})();
