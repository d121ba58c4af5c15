/*
 * The language menu (Material's, links to this page in each language) keeps the
 * questionnaire's step: the steps have the same ids in every language, so the links
 * take the current fragment along, and the query with it (the deadline calculator's
 * dates, ?KEY=YYYY-MM-DD, the same in every language: outcome-dates.js). Without this
 * script they open the same page at its start.
 */
(function () {
  "use strict";

  if (!document.querySelector(".pq")) return;  // other pages' fragments are headings
  var links = document.querySelectorAll("a.md-select__link[hreflang]");

  function carryStep() {
    Array.prototype.forEach.call(links, function (link) {
      link.search = window.location.search;
      link.hash = window.location.hash;
    });
  }

  carryStep();
  window.addEventListener("hashchange", carryStep);
  document.addEventListener("pq:step", carryStep);
})();
