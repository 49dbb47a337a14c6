/* The admin's date picker on Thai pages heads each month with its Buddhist-era year
   ("ธันวาคม 2569"), as the rest of the portal does; the dates it fills in keep the CE year
   Django reads (a BE year typed by hand is read too: divisions.core.fields). */
(function () {
  "use strict";
  if (document.documentElement.lang !== "th" || !window.CalendarNamespace) { return; }
  var draw = CalendarNamespace.draw;
  CalendarNamespace.draw = function (month, year, divId) {
    draw.apply(this, arguments);
    var caption = document.querySelector("#" + divId + " caption");
    if (caption) {
      caption.textContent = CalendarNamespace.monthsOfYear[parseInt(month, 10) - 1] + " " +
        (parseInt(year, 10) + 543);
    }
  };
})();
