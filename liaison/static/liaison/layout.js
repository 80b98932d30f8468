/* Small layout helps for narrow screens (no script is needed to use the pages):
   - the menu folds: its <details> starts closed on a phone (it is open in the page for wide screens);
   - a table wider than its box scrolls inside it, and can then be reached and scrolled with the keyboard. */
(function () {
  "use strict";

  function foldMenu() {
    var menu = document.querySelector("details.menu");
    if (menu && window.matchMedia("(max-width: 800px)").matches) {
      menu.open = false;
    }
  }

  function scrollableTables() {
    document.querySelectorAll("main table, .table-container").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldMenu();
    scrollableTables();
  });
  window.addEventListener("resize", scrollableTables);
  document.addEventListener("htmx:afterSwap", scrollableTables);
})();
