/* Follows a project import in the admin until it has finished, then shows its report. */
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  function show(job) {
    document.getElementById("import-bar").value = job.progress;
    document.getElementById("import-percent").textContent = job.progress + "%";
    document.getElementById("import-status").textContent = job.status_label;
    document.getElementById("import-stage").textContent = job.stage;
    if (job.status === "succeeded") {
      var report = document.getElementById("import-report");
      report.textContent = report.dataset.template.replace("{projects}", job.report.projects)
        .replace("{created}", job.report.created).replace("{updated}", job.report.updated);
      report.hidden = false;
    }
    if (job.status === "failed") {
      var list = document.getElementById("import-errors");
      var rowLabel = document.getElementById("import-row-label").innerHTML;
      list.textContent = "";
      (job.report.errors || []).forEach(function (error) {
        var item = document.createElement("li");
        item.textContent = (error.row ? rowLabel + " " + error.row + ": " : "") + error.message;
        list.appendChild(item);
      });
      document.getElementById("import-error").hidden = false;
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
