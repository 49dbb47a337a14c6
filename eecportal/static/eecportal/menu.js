/* The main menu on phones: a button that opens and closes the list of sections (disclosure
   pattern). Loaded in the head, so the list is closed before the page is first drawn; without
   this script the list is shown as it is. */
(function () {
  "use strict";
  document.documentElement.classList.add("js-menu");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-button");
    var menu = document.getElementById("main-nav");
    if (!button || !menu) { return; }
    button.hidden = false;
    function set(open) {
      button.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("open", open);
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("open")) {
        set(false);
        button.focus();
      }
    });
  });
}());
