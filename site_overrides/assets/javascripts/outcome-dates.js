/*
 * The deadline calculator's dates on an outcome. The calculator's link back to a step
 * names the reader's dates in the address (?KEY=YYYY-MM-DD, KEY a fact of tools.yaml's
 * deadlines); on an outcome that offers the calculator they are listed in its deadline
 * box, so they print with it. The address brings only keys and days: labels, month
 * names and the date's pattern come from the page (.pq-dates-data, built from
 * tools.yaml and the locale). A key the page does not list, a key given twice, or
 * anything but a real day is ignored; nothing from the address is written but dates.
 */
(function () {
  "use strict";

  var root = document.querySelector(".pq");
  var source = document.querySelector(".pq-dates-data");
  var dates = window.parcelDays;  // dates.js, loaded first (questionnaire.html)
  if (!root || !source || !dates || !window.URLSearchParams) return;
  var data = JSON.parse(source.textContent);
  var box = null;

  /* [[label, day]] in the calculator's order: only keys the page lists are read. */
  function given() {
    var query = new URLSearchParams(location.search), found = [];
    data.dates.forEach(function (entry) {
      var values = query.getAll(entry[0]);
      var day = values.length === 1 ? dates.parse(values[0]) : null;
      if (day) found.push([entry[1], day]);
    });
    return found;
  }

  function list(found) {
    var wrap = document.createElement("div");
    wrap.className = "pq-dates";
    var title = document.createElement("p");
    title.textContent = data.title;
    var items = document.createElement("ul");
    found.forEach(function (pair) {
      var item = document.createElement("li");
      var label = document.createElement("strong");
      label.textContent = pair[0] + ": ";
      var time = document.createElement("time");
      time.dateTime = dates.iso(pair[1]);
      time.textContent = dates.readable(pair[1], data.dateFormat, data.months);
      item.appendChild(label);
      item.appendChild(time);
      items.appendChild(item);
    });
    wrap.appendChild(title);
    wrap.appendChild(items);
    return wrap;
  }

  /* Into the deadline box of an outcome that offers the calculator, before the trust
     note; out of any other step. */
  function place(step) {
    if (box) box.remove();
    box = null;
    var deadline = step.querySelector(".pq-deadline");
    if (!deadline || !step.querySelector("[data-tool-link='deadline-calculator']")) return;
    var found = given();
    if (!found.length) return;
    box = list(found);
    deadline.insertBefore(box, deadline.querySelector(".pq-trust"));
  }

  root.addEventListener("pq:step", function (event) {
    place(document.getElementById(event.detail.id));
  });
  var current = root.querySelector(".pq-current");
  if (current) place(current);
}());
