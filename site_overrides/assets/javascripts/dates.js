/*
 * Calendar days for the deadline calculator and the questionnaire: {y, m, d}, moved in
 * UTC so month ends, 29 February and clock changes never shift a day. A date a reader
 * gives has a four-digit year, 1000 to 9999: year 1 read as 27 December 0 and wrote a
 * calendar file no calendar reads.
 */
window.parcelDays = (function () {
  "use strict";

  /* Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear does not. */
  function utc(day, add) {
    var date = new Date(0);
    date.setUTCFullYear(day.y, day.m - 1, day.d + (add || 0));
    return date;
  }

  function addDays(day, n) {
    var date = utc(day, n);
    return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  }

  return {
    addDays: addDays,
    weekday: function (day) { return utc(day).getUTCDay(); },  // 0 = Sunday
    /* "YYYY-MM-DD" naming a real day (not 2026-02-30) in the years 1000 to 9999, else null */
    parse: function (value) {
      var match = /^([1-9]\d{3})-(\d\d)-(\d\d)$/.exec(value || "");
      var day = match && { y: +match[1], m: +match[2], d: +match[3] };
      var check = day && addDays(day, 0);
      return check && check.y === day.y && check.m === day.m && check.d === day.d ? day : null;
    },
    iso: function (day) {
      return [day.y, day.m, day.d].map(function (n, i) {
        return String(n).padStart(i ? 2 : 4, "0");
      }).join("-");
    },
    /* words: the page data's dateFormat (a pattern of {day}, {month} and {year}),
       months and slotPattern (slots.js fills the pattern) */
    readable: function (day, words) {
      return window.parcelSlots(words.slotPattern)(words.dateFormat,
        { day: day.d, month: words.months[day.m - 1], year: day.y });
    }
  };
}());
