/*
 * The language menu (Material's, links to this page in each language) keeps the
 * questionnaire's step: the steps have the same ids and addresses in every language,
 * so after each step questionnaire.js shows, the links lead to that step's page in
 * each language, with the query (the deadline calculator's dates, ?KEY=YYYY-MM-DD,
 * the same in every language: outcome-dates.js). Without this script they open the
 * page loaded, in each language.
 */
(function () {
  "use strict";

  var root = document.querySelector(".pq");
  if (!root) return;
  var start = root.getAttribute("data-start");
  var links = Array.prototype.map.call(
    document.querySelectorAll("a.md-select__link[hreflang]"), function (link) {
      // each language's first page: the same way up from the same page (data-root)
      return { link: link, first: new URL(root.getAttribute("data-root"), link.href).href };
    });

  function carryStep(event) {
    var id = event && event.detail && event.detail.id;
    links.forEach(function (entry) {
      if (id) entry.link.href = entry.first + (id === start ? "" : id + "/");
      entry.link.search = window.location.search;
      entry.link.hash = window.location.hash;
    });
  }

  carryStep();
  window.addEventListener("hashchange", carryStep);
  document.addEventListener("pq:step", carryStep);
})();
