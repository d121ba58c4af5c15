/*
 * Opens the site's search, and loads what runs it (search-dialog.js) the first time the
 * reader opens it: with Material's keys ("/", "s" or "f" when not typing in a field), a
 * tap on the header's search button, or a click in the field. Until then nothing of
 * search loads, neither that script nor Material's search worker nor the index: most
 * readers never search, and Material's own search component fetched and parsed the
 * index on every page load, most of its script's main-thread time on a slow phone
 * (BENCHMARKS.md). Material's script is not loaded at all now (site.js).
 */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-pq-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var query = dialog.querySelector(".md-search__input");
  var loaded = false;

  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = dialog.getAttribute("data-pq-search");
    document.head.append(script);
  }

  /* Material's rule (browser/keyboard): these take the keys the reader types. */
  function typing(node) {
    if (node.tagName === "INPUT") return node.type !== "radio";
    return node.tagName === "SELECT" || node.tagName === "TEXTAREA" || node.isContentEditable;
  }

  addEventListener("keydown", function (event) {
    if (toggle.checked || event.metaKey || event.ctrlKey || event.isComposing ||
        !/^[/sf]$/.test(event.key) || typing(document.activeElement)) return;
    event.preventDefault();
    event.stopPropagation();
    query.focus();
    query.select();
  });
  query.addEventListener("focus", function () {
    if (!toggle.checked) toggle.click();  // a click: the change event follows
    load();
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) load();
  });
  // The header's search button (a label for the toggle) focuses the field instead, and
  // that opens the dialog: focusing it from the tap itself is what brings up the
  // on-screen keyboard on iOS. (The dialog's own labels for the toggle close it.)
  var button = document.querySelector(".md-header__button[for=__search]");
  if (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      query.focus();
    });
  }
  // Enter in the field goes to the best result (search-dialog.js), never submits
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
  });
}());
