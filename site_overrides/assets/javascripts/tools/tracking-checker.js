/*
 * Tracking-number checker. Formats, meanings, country names and words come from the
 * page (<script type="application/json" class="tool-data">, built from tools.yaml and
 * the locale), and so do the UPU S10 shape and check-digit weights (the build's own
 * definition, generator/tools/shared_rules.py). No requests.
 * The result carries data-verdict: valid-s10 | bad-check-digit | internal | unknown | empty.
 */
(function () {
  "use strict";

  var form = document.querySelector('form[data-tool="tracking-checker"]');
  if (!form) return;
  var data = JSON.parse(form.querySelector(".tool-data").textContent);
  var text = data.strings;
  var input = form.elements.number;
  var result = form.querySelector(".tool-result");
  var fill = window.parcelSlots(data.slotPattern);  // slots.js
  // UPU S10 (2 letters, 8 digits and a check digit, 2 letters) and its check-digit
  // weights: the build's (generator/tools/shared_rules.py), in the page data.
  var S10 = data.s10;
  var MAX_LENGTH = 40;  // anything longer is a paste gone wrong, not a number

  var carriers = data.carriers;
  var CLASSES = {
    digits: function (ch) { return ch >= "0" && ch <= "9"; },
    letters: function (ch) { return ch >= "A" && ch <= "Z"; }
  };

  /* Whether number is exactly the format's parts one after another ([{text: "LP"},
     {digits: [12, 16]}]). The same algorithm as generator/tools/formats.py: keep the
     set of positions the parts so far can end at (at most one per character), so the
     work is linear in the number's length; no regular expression from the data. */
  function matches(parts, number) {
    var ends = [0];
    for (var p = 0; p < parts.length && ends.length; p++) {
      var part = parts[p], next = {};
      ends.forEach(function (at) {
        if (typeof part.text === "string") {
          if (number.substr(at, part.text.length) === part.text) next[at + part.text.length] = true;
          return;
        }
        var kind = part.digits !== undefined ? "digits" : "letters";
        var count = part[kind], fewest = count, most = count;
        if (Array.isArray(count)) { fewest = count[0]; most = count[1]; }
        var run = 0;
        while (run < most && at + run < number.length && CLASSES[kind](number.charAt(at + run))) run++;
        for (var end = at + fewest; end <= at + run; end++) next[end] = true;
      });
      ends = Object.keys(next).map(Number);
    }
    return ends.indexOf(number.length) !== -1;
  }
  var serviceOf = {};
  Object.keys(data.services).forEach(function (family) {
    data.services[family].letters.forEach(function (letter) {
      serviceOf[letter] = data.services[family];
    });
  });

  /* Upper case, no spaces or dashes, full-width characters (from Chinese pages) made
     plain (NFKC); Cyrillic look-alikes read as Latin. */
  function normalise(raw) {
    var cleaned = raw.normalize("NFKC").replace(/[\s\u00a0\-\u2010-\u2015]+/g, "").toUpperCase();
    var swapped = false;
    var latin = cleaned.replace(/./g, function (ch) {
      if (data.lookalikes.hasOwnProperty(ch)) { swapped = true; return data.lookalikes[ch]; }
      return ch;
    });
    return { number: latin, lookalikes: swapped };
  }

  /* The 8 digits times the weights, summed; C = 11 - (sum mod 11), 10 -> 0, 11 -> 5. */
  function checkDigit(digits) {
    var sum = 0;
    for (var i = 0; i < S10.weights.length; i++) sum += Number(digits.charAt(i)) * S10.weights[i];
    var check = 11 - (sum % 11);
    return { sum: sum, remainder: sum % 11, digit: check === 10 ? 0 : check === 11 ? 5 : check };
  }

  function judge(raw) {
    var seen = normalise(raw);
    var number = seen.number;
    if (!number) return { verdict: "empty", lines: [text.empty] };
    if (number.length > MAX_LENGTH) {
      return { verdict: "unknown", lines: [text.too_long, text.unknown], step: data.unknownStep };
    }
    var notes = seen.lookalikes ? [text.lookalike] : [];
    if (matches(S10.format, number)) {
      // [number, service letter, second letter, 8 digits, check digit, country]
      var s10 = [number, number.charAt(0), number.charAt(1), number.slice(2, 10),
                 number.charAt(10), number.slice(11)];
      var check = checkDigit(s10[3]);
      if (check.digit !== Number(s10[4])) {
        return { verdict: "bad-check-digit", step: data.badStep, lines: [
          fill(text.bad_digit, { number: number, expected: check.digit, found: s10[4] }),
          fill(text.bad_digit_sum, { sum: check.sum, remainder: check.remainder })].concat(notes) };
      }
      var service = serviceOf[s10[1]] || data.services.other;
      var code = s10[5];
      var country = data.countries.hasOwnProperty(code)
        ? fill(text.country, { country: data.countries[code] + " (" + code + ")" })
        : fill(text.country_unknown, { code: code });
      return { verdict: "valid-s10", step: service.step, lines: [
        fill(text.valid, { number: number }),
        fill(text.service, { letter: s10[1], meaning: service.meaning }),
        country,
        fill(text.track_at, { where: data.s10TrackAt })].concat(notes) };
    }
    for (var i = 0; i < carriers.length; i++) {
      if (matches(carriers[i].format, number)) {
        var carrier = carriers[i];
        return { verdict: "internal", step: carrier.step, lines: [
          fill(text.internal, { number: number, carrier: carrier.name }),
          carrier.meaning,
          fill(text.track_at, { where: carrier.trackAt })].concat(notes) };
      }
    }
    return { verdict: "unknown", lines: [text.unknown].concat(notes), step: data.unknownStep };
  }

  function show(answer) {
    result.textContent = "";
    answer.lines.forEach(function (line) {
      var paragraph = document.createElement("p");
      paragraph.textContent = line;
      result.appendChild(paragraph);
    });
    if (answer.step) {
      var next = document.createElement("p");
      var link = document.createElement("a");
      link.href = answer.step.href;
      link.textContent = answer.step.text;
      next.appendChild(link);
      result.appendChild(next);
    }
    result.setAttribute("data-verdict", answer.verdict);
    result.hidden = false;
    var problem = answer.verdict === "empty";
    input.setAttribute("aria-invalid", problem ? "true" : "false");
    input.setAttribute("aria-describedby", "tc-number-hint" + (problem ? " " + result.id : ""));
    if (problem) input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(judge(input.value));
  });
  form.hidden = false;
  var notice = document.querySelector(".tool-noscript");
  if (notice) notice.hidden = true;
})();
