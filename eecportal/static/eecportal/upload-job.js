/* Follows an upload job in the admin until it has finished, then shows its report or why it
   failed (one message, or every bad row). */
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  function text(id) { return document.getElementById(id).innerHTML; }
  function show(job) {
    var ended = job.status === "succeeded" || job.status === "failed" ||
      job.status === "mapping" || job.status === "mapped";
    // A job that ends while the page is open: load the page again, so that everything on it
    // (the end time, values to map) says the same thing.
    if (ended && box.dataset.initial !== job.status) {
      window.location.reload();
      return false;
    }
    // A job that stopped short (refused, or waiting for values to be mapped) has no progress
    // left to show: its state says where it stands, not the bar's last position.
    var stopped = job.status === "failed" || job.status === "mapping" || job.status === "mapped";
    document.getElementById("import-bar").value = job.progress;
    document.getElementById("import-bar").hidden = stopped;
    document.getElementById("import-percent").textContent = job.progress + "%";
    document.getElementById("import-percent").hidden = stopped;
    document.getElementById("import-status").textContent = job.status_label;
    // The stage, unless it only repeats the state ("failed failed").
    document.getElementById("import-stage").textContent =
      job.stage === job.status_label ? "" : job.stage;
    if (job.status === "succeeded") {
      var report = document.getElementById("import-report");
      report.textContent = report.dataset.template.replace(/\{(\w+)\}/g, function (all, name) {
        return name in job.report ? job.report[name] : all;
      });
      report.hidden = false;
    }
    if (job.status === "failed") {
      var rows = job.report.errors || [];
      var list = document.getElementById("import-errors");
      list.textContent = "";
      rows.forEach(function (error) {
        var item = document.createElement("li");
        item.textContent = (error.row ? text("import-row-label") + " " + error.row + ": " : "") +
          error.message;
        list.appendChild(item);
      });
      document.getElementById("import-error-text").textContent =
        rows.length ? text("import-refused") : job.error;
      document.getElementById("import-error").hidden = false;
    }
    box.dataset.status = job.status;
    // An interrupted job goes back to the queue: keep following it.
    return job.status === "queued" || job.status === "running" || job.status === "interrupted";
  }
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) { if (show(job)) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
}());
