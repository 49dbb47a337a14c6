/* Follows a layer import in the admin until it has finished. */
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  function show(job) {
    document.getElementById("import-bar").value = job.progress;
    document.getElementById("import-percent").textContent = job.progress + "%";
    document.getElementById("import-status").textContent = job.status_label;
    document.getElementById("import-stage").textContent = job.stage;
    var error = document.getElementById("import-error");
    error.textContent = job.error;
    error.hidden = !job.error;
    var report = document.getElementById("import-report");
    if (job.status === "succeeded") {
      report.textContent = report.dataset.template
        .replace("{features}", job.report.features).replace("{repaired}", job.report.repaired);
      report.hidden = false;
    }
    box.dataset.status = job.status;
    return job.status === "queued" || job.status === "running";
  }
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) { if (show(job)) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
}());
