/*
 * Dispute message builder. The messages (plain English, from tools.yaml), the labels
 * and the table of clean replacements come from the page's
 * <script type="application/json" class="tool-data">. It flags characters a seller's
 * machine translator may garble and offers to replace them; a character that is not
 * plain ASCII and has no replacement is removed. No requests, no storage.
 */
(function () {
  "use strict";

  var form = document.querySelector('form[data-tool="dispute-message"]');
  if (!form) return;
  var data = JSON.parse(form.querySelector(".tool-data").textContent);
  var text = data.strings;
  var fields = form.elements;
  var message = form.querySelector("textarea[data-message]");
  var dateLabel = form.querySelector("#dm-date-label");
  // On a page in another language: what the English says, filled in the same way.
  var meaning = form.querySelector("[data-meaning-text]");
  var flagsText = form.querySelector(".dm-flags-text");
  var cleanButton = form.querySelector("[data-clean]");
  var copyButton = form.querySelector("[data-copy]");
  var status = form.querySelector(".dm-status");
  var fill = window.parcelSlots(data.slotPattern);  // slots.js
  var byId = {};
  data.messages.forEach(function (m) { byId[m.id] = m; });

  function build() {
    var chosen = byId[fields.situation.value];
    dateLabel.textContent = chosen.dateLabel;
    var values = {
      order: fields.order.value.trim() || text.missing_order,
      tracking: fields.tracking.value.trim() || text.missing_tracking,
      date: fields.date.value || text.missing_date  // ISO: no month names to translate
    };
    // Only the slots in tools.schema.json's list (data.slots), as the build checked them.
    var allowed = {};
    data.slots.forEach(function (name) { if (values.hasOwnProperty(name)) allowed[name] = values[name]; });
    message.value = fill(chosen.text, allowed);
    if (meaning) meaning.textContent = chosen.meaning ? fill(chosen.meaning, allowed) : "";
    flag();
  }

  /* Plain ASCII, the build's rule (data.plainAscii: ranges of code points, as
     generator/tools/shared_rules.py defines it); anything else may be garbled.
     Array.from reads an emoji whole. */
  function isPlain(ch) {
    var code = ch.codePointAt(0);
    return data.plainAscii.some(function (range) { return code >= range[0] && code <= range[1]; });
  }

  function garbled(value) {
    return Array.from(value).filter(function (ch) { return !isPlain(ch); });
  }

  function flag() {
    var found = garbled(message.value);
    var unique = found.filter(function (ch, i) { return found.indexOf(ch) === i; });
    flagsText.textContent = unique.length
      ? fill(text.flagged, { chars: unique.join(" ") }) : "";
    cleanButton.hidden = unique.length === 0;
  }

  function clean(value) {
    return Array.from(value).map(function (ch) {
      if (isPlain(ch)) return ch;
      return data.replacements.hasOwnProperty(ch) ? data.replacements[ch] : "";
    }).join("");
  }

  function announce(words) {
    status.textContent = "";
    // A fresh text node makes screen readers read the same words again.
    setTimeout(function () { status.textContent = words; }, 50);
  }

  cleanButton.addEventListener("click", function () {
    [fields.order, fields.tracking].forEach(function (field) { field.value = clean(field.value); });
    message.value = clean(message.value);
    flag();
    announce(text.cleaned);
    message.focus();
  });

  function copyByHand() {
    message.focus();
    message.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    announce(copied ? text.copied : text.copy_failed);
  }

  copyButton.addEventListener("click", function () {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(message.value).then(function () {
        announce(text.copied);
      }, copyByHand);
    } else {
      copyByHand();
    }
  });

  [fields.situation, fields.order, fields.tracking, fields.date].forEach(function (field) {
    field.addEventListener("input", build);
    field.addEventListener("change", build);
  });
  message.addEventListener("input", flag);
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  // A link to #SITUATION (from a questionnaire step) picks that situation.
  // A malformed fragment (#%) is no situation, not an error that keeps the form hidden.
  var wanted = "";
  try { wanted = decodeURIComponent(location.hash.replace(/^#/, "")); } catch (e) { wanted = ""; }
  var fromLink = byId.hasOwnProperty(wanted);
  if (fromLink) fields.situation.value = wanted;
  form.hidden = false;
  var notice = document.querySelector(".tool-noscript");
  if (notice) notice.hidden = true;
  build();
  if (fromLink) fields.situation.focus();
})();
