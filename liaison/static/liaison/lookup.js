/* Type-ahead choices of records (see liaison/core/lookups.py): each select marked data-lookup asks its lookup
   route for a page of matches. The server searches (Traditional = Simplified), so nothing is filtered here. */
(function () {
  "use strict";

  function options(select) {
    var url = select.getAttribute("data-lookup");
    return {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: null,
      preload: "focus",
      plugins: select.multiple ? ["remove_button"] : select.required ? [] : ["clear_button"],
      score: function () { return function () { return 1; }; },
      shouldLoad: function () { return true; },
      load: function (query, callback) {
        var control = this;
        fetch(url + "?q=" + encodeURIComponent(query), {credentials: "same-origin", headers: {Accept: "application/json"}})
          .then(function (response) { return response.ok ? response.json() : {results: []}; })
          .then(function (data) {
            control.clearOptions();  /* only this query's matches: earlier ones would show unfiltered */
            callback(data.results);
          })
          .catch(function () { callback(); });
      }
    };
  }

  function start(root) {
    root.querySelectorAll("select[data-lookup]").forEach(function (select) {
      if (!select.tomselect) {
        var label = select.labels && select.labels[0] ? select.labels[0].textContent.trim() : "";
        new TomSelect(select, options(select));
        /* The label now points at the type-ahead box; the hidden select keeps its name for assistive tools. */
        if (label) {
          select.setAttribute("aria-label", label);
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:afterSwap", function (event) { start(event.target); });
})();
