// The dispatch page's progress bar: poll the counts until the send is over,
// then reload once so that the report by organisation appears.
(function () {
  "use strict";
  var root = document.getElementById("dispatch");
  if (!root || root.dataset.finished === "true") return;
  var bar = document.getElementById("dispatch-progress");
  var text = document.getElementById("dispatch-progress-text");
  var state = document.getElementById("dispatch-state");
  var template = text.dataset.template;

  function update(data) {
    bar.max = data.total || 1;
    bar.value = data.done;
    bar.textContent = data.percent + " %";
    text.textContent = template
      .replace("{done}", data.done)
      .replace("{total}", data.total)
      .replace("{percent}", data.percent);
    state.textContent = data.state_label;
    // Nothing claimed for minutes: the page says so until a worker picks it up.
    document.getElementById("dispatch-stalled").hidden = !data.stalled;
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
})();
