/* Long lists of coded choices in the admin (provinces, countries) get a search box: the
   admin's own select2, also on inline rows added later. Without script they stay plain
   <select>s. */
(function ($) {
  "use strict";
  function enhance(root) {
    $(root).find("select.searchable-select").not("[name*=__prefix__]").each(function () {
      if (!this.classList.contains("select2-hidden-accessible")) {
        $(this).select2({ width: "style", language: document.documentElement.lang });
      }
    });
  }
  $(function () { enhance(document); });
  document.addEventListener("formset:added", function (event) { enhance(event.target); });
})(django.jQuery);
