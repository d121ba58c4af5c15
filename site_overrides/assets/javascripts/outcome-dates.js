/*
 * The deadline calculator's dates (its link back: ?KEY=YYYY-MM-DD) in the deadline box
 * of an outcome that offers it, so they print with it. Only keys and days come from
 * the address; the words come from the page's .pq-dates-data. Unknown or repeated
 * keys and anything but a real day are ignored; text goes in as text only.
 */
(function () {
  "use strict";

  var root = document.querySelector(".pq");
  var source = document.querySelector(".pq-dates-data");
  var dates = window.parcelDays;  // dates.js
  if (!root || !source || !dates) return;
  var data = JSON.parse(source.textContent);
  var box;

  function element(tag, text) {
    var made = document.createElement(tag);
    made.textContent = text || "";
    return made;
  }

  function place(step) {
    if (box) box.remove();
    var deadline = step.querySelector(".pq-deadline");
    if (!deadline || !step.querySelector("[data-tool-link='deadline-calculator']")) return;
    var query = new URLSearchParams(location.search), list = element("ul");
    data.dates.forEach(function (entry) {  // [key, label]: the page's keys only
      var values = query.getAll(entry[0]), day = values.length === 1 && dates.parse(values[0]);
      if (!day) return;
      var item = list.appendChild(element("li"));
      item.appendChild(element("strong", entry[1] + ": "));
      var time = item.appendChild(element("time", dates.readable(day, data)));
      time.dateTime = dates.iso(day);
    });
    if (!list.firstChild) return;
    box = element("div");
    box.className = "pq-dates";
    box.appendChild(element("p", data.title));
    box.appendChild(list);
    deadline.insertBefore(box, deadline.querySelector(".pq-trust"));
  }

  root.addEventListener("pq:step", function (event) {
    place(document.getElementById(event.detail.id));
  });
  var current = root.querySelector(".pq-current");
  if (current) place(current);
}());
