/* The menu folds on a phone: its <details> starts closed there (it is open in the page for wide screens and for
   browsers without script). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var menu = document.querySelector("details.menu");
    if (menu && window.matchMedia("(max-width: 800px)").matches) {
      menu.open = false;
    }
  });
})();
