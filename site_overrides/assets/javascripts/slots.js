/*
 * Filling {slots} in the page's words, as the build fills them (markup.fill_template):
 * one pass, so a value is never read as a slot itself; a name without a value stays as
 * written. The pattern is the build's own (markup.SLOT_PATTERN), in the page's data as
 * slotPattern: window.parcelSlots(data.slotPattern) gives the function that fills.
 * Loaded before every script that fills slots (tool.html, questionnaire.html).
 */
window.parcelSlots = function (pattern) {
  "use strict";

  var slot = new RegExp(pattern, "g");
  return function fill(template, values) {
    return template.replace(slot, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  };
};
