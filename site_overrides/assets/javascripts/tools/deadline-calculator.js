/*
 * Deadline calculator. The rules (facts from the tree: figures, labels, sources) come
 * from the page's <script type="application/json" class="tool-data">. Dates are
 * calendar days (dates.js). Only "days and hours left" needs the clock: that moment is
 * turned into a date in the reader's own time zone.
 * "Add to calendar" builds an RFC 5545 file in the browser (Blob); nothing is sent.
 */
(function () {
  "use strict";

  var form = document.querySelector('form[data-tool="deadline-calculator"]');
  var dates = window.parcelDays;  // dates.js, loaded first (tool.html)
  if (!form || !dates) return;
  var data = JSON.parse(form.querySelector(".tool-data").textContent);
  var text = data.strings;
  var fill = window.parcelSlots(data.slotPattern);  // slots.js
  var fields = form.elements;
  var error = form.querySelector(".tool-error");
  var result = form.querySelector(".tool-result");
  var list = result.querySelector(".dc-list");
  var icsButton = result.querySelector("[data-ics]");
  var shown = [];  // [{key, label, rule, source, day}]: calendar file, link back

  // --- calendar dates (dates.js: parse, add, format; years 1000 to 9999) -------------

  var parseDay = dates.parse, addDays = dates.addDays, iso = dates.iso;

  function readable(day) {
    return dates.readable(day, data);
  }

  /* n working days (Monday to Friday) forwards, or backwards when sign is -1. */
  function addWorkingDays(day, n, sign) {
    var current = day;
    while (n > 0) {
      current = addDays(current, sign);
      var w = dates.weekday(current);
      if (w !== 0 && w !== 6) n--;
    }
    return current;
  }

  /* The local calendar date of a moment: what the reader's own calendar shows. */
  function localDay(ms) {
    var date = new Date(ms);
    return { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate() };
  }

  // --- the form ---------------------------------------------------------------------

  function wholeNumber(value) {
    if (value === "") return 0;
    return /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  }

  function fail(message, culprits) {
    error.textContent = message;
    culprits.forEach(function (field) {
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", error.id);
    });
    result.hidden = true;
    culprits[0].focus();
  }

  function clearErrors() {
    error.textContent = "";
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (field) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
  }

  /* {protection_end, window_start, dispute_opened, refund_approved}, or null after
     reporting what is wrong. */
  function readBases() {
    var dateFields = [fields.end, fields.confirmed, fields.opened, fields.refund];
    for (var i = 0; i < dateFields.length; i++) {
      // A date field holds "" both when empty and when half-typed; badInput tells them apart.
      if (dateFields[i].validity && dateFields[i].validity.badInput ||
          dateFields[i].value && !parseDay(dateFields[i].value)) {
        fail(fill(text.error_date, { example: readable({ y: 2024, m: 2, d: 29 }) }), [dateFields[i]]);
        return null;
      }
    }
    var end = parseDay(fields.end.value);
    if (!end) {
      var days = wholeNumber(fields.days.value), hours = wholeNumber(fields.hours.value);
      if (isNaN(days) || isNaN(hours)) {
        fail(text.error_number, [isNaN(days) ? fields.days : fields.hours]);
        return null;
      }
      if (fields.days.value === "" && fields.hours.value === "") {
        fail(text.error_missing, [fields.end, fields.days, fields.hours]);
        return null;
      }
      // The countdown runs in real time, so this one sum is in milliseconds.
      end = localDay(Date.now() + (days * 24 + hours) * 3600000);
    }
    var confirmed = parseDay(fields.confirmed.value);
    return { protection_end: end, window_start: confirmed || end,
             dispute_opened: parseDay(fields.opened.value),
             refund_approved: parseDay(fields.refund.value) };
  }

  function item(label, day, fact, rule, source) {
    var li = document.createElement("li");
    var strong = document.createElement("strong");
    strong.textContent = label + ": ";
    var time = document.createElement("time");
    time.dateTime = iso(day);
    time.textContent = readable(day);
    if (fact) time.setAttribute("data-deadline", fact);
    li.appendChild(strong);
    li.appendChild(time);
    [[rule, "dc-rule"], [source, "dc-source"]].forEach(function (part) {
      if (!part[0]) return;
      var span = document.createElement("span");
      span.className = part[1];
      span.textContent = part[0];
      li.appendChild(span);
    });
    list.appendChild(li);
  }

  function calculate() {
    clearErrors();
    var bases = readBases();
    if (!bases) return;
    list.textContent = "";
    shown = [];
    item(text.protection_end, bases.protection_end, null);
    shown.push({ key: "protection_end", label: text.protection_end, rule: "", source: "",
                 day: bases.protection_end });
    data.deadlines.forEach(function (rule) {
      var base = bases[rule.from];
      if (!base) return;
      var sign = rule.direction === "before" ? -1 : 1;
      var day = rule.working ? addWorkingDays(base, rule.days, sign)
                             : addDays(base, sign * rule.days);
      item(rule.label, day, rule.fact, rule.rule, rule.source);
      shown.push({ key: rule.fact, label: rule.label, rule: rule.rule, source: rule.source,
                   day: day });
    });
    linkBack();
    result.hidden = false;
  }

  // --- back to the step that sent the reader here (?step=NODE-ID) -------------------

  /* Only a step the page's data names (tools.yaml offered_on) gets a link; the dates
     go along as ?KEY=YYYY-MM-DD, which the questionnaire shows on its outcomes. */
  var back = result.querySelector(".dc-back");
  var from = new URLSearchParams(location.search).get("step");
  if (!Object.prototype.hasOwnProperty.call(data.back.steps, from)) from = null;

  function linkBack() {
    if (!from) return;
    var query = new URLSearchParams();
    shown.forEach(function (entry) {
      var day = iso(entry.day);
      if (parseDay(day)) query.append(entry.key, day);  // years outside 1000-9999 stay out
    });
    var link = back.querySelector("a");
    // the step's own page (the first question's is the questionnaire's first page)
    link.href = data.back.href + (from === data.back.start ? "" : from + "/") + "?" + query;
    link.textContent = data.back.steps[from];
    back.hidden = false;
  }

  // --- the calendar file (RFC 5545) -------------------------------------------------

  function escapeText(value) {
    return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  /* Lines longer than 75 octets are folded: CRLF and one space (RFC 5545, 3.1). */
  function fold(line) {
    var out = "", octets = 0;
    Array.from(line).forEach(function (ch) {
      var size = new TextEncoder().encode(ch).length;
      if (octets + size > 75) { out += "\r\n "; octets = 1; }
      out += ch;
      octets += size;
    });
    return out;
  }

  function stamp(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  }

  function calendar() {
    var now = stamp(new Date());
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//parcel-help//deadlines//EN",
                 "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    shown.forEach(function (entry, index) {
      if (!parseDay(iso(entry.day))) return;  // outside the four-digit years
      var start = iso(entry.day).replace(/-/g, "");
      var end = addDays(entry.day, 1);
      lines.push("BEGIN:VEVENT",
        "UID:" + start + "-" + index + "@" + data.uidHost,
        "DTSTAMP:" + now,
        "DTSTART;VALUE=DATE:" + start);
      // The day after 9999-12-31 has no DATE form; without DTEND an all-day event
      // lasts one day anyway (RFC 5545, 3.6.1).
      if (end.y <= 9999) lines.push("DTEND;VALUE=DATE:" + iso(end).replace(/-/g, ""));
      lines.push(
        "SUMMARY:" + escapeText(entry.label),
        "DESCRIPTION:" + escapeText([entry.rule, entry.source].filter(Boolean).join("\n")),
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  icsButton.addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([calendar()], { type: "text/calendar;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = text.ics_file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    calculate();
  });
  form.hidden = false;
  var notice = document.querySelector(".tool-noscript");
  if (notice) notice.hidden = true;
})();
