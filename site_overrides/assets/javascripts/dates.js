/*
 * Calendar days, shared by the deadline calculator and the questionnaire (which shows
 * the calculator's dates on an outcome). A day is {y, m, d}, moved in UTC, so month
 * ends, 29 February and daylight-saving changes never shift it; years 1 to 9999.
 * The words (month names, the date's pattern) come from each page's data.
 */
window.parcelDays = (function () {
  "use strict";

  /* Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear takes them as given. */
  function utc(y, monthIndex, d) {
    var date = new Date(0);
    date.setUTCFullYear(y, monthIndex, d);
    return date.getTime();
  }

  function fromUTC(ms) {
    var date = new Date(ms);
    return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  }

  /* "YYYY-MM-DD" naming a real day (not 2026-02-30), else null. */
  function parse(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!match || match[1] === "0000") return null;
    var day = { y: +match[1], m: +match[2], d: +match[3] };
    var check = fromUTC(utc(day.y, day.m - 1, day.d));
    return check.y === day.y && check.m === day.m && check.d === day.d ? day : null;
  }

  function addDays(day, n) {
    return fromUTC(utc(day.y, day.m - 1, day.d + n));
  }

  function weekday(day) {  // 0 = Sunday
    return new Date(utc(day.y, day.m - 1, day.d)).getUTCDay();
  }

  function iso(day) {
    function pad(n, width) { return String(n).padStart(width, "0"); }
    return pad(day.y, 4) + "-" + pad(day.m, 2) + "-" + pad(day.d, 2);
  }

  /* The locale's pattern ("{day} {month} {year}") and month names. */
  function readable(day, pattern, months) {
    return pattern.replace("{day}", day.d).replace("{month}", months[day.m - 1])
      .replace("{year}", day.y);
  }

  return { parse: parse, addDays: addDays, weekday: weekday, iso: iso, readable: readable };
}());
