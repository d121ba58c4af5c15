/*
 * Parcel help's embed, on the host page: sizes every <iframe data-parcel-help> to
 * fit the questionnaire inside it, so there is no inner scrollbar and no gap.
 * A frame posts {type: "parcel-help:height", height: N} after each step and resize.
 * A message counts only when it comes from that very frame (event.source: origin
 * checks cannot work, a sandboxed frame's origin is "null") and has that shape.
 * Without this script a frame keeps the height it was given, and scrolls.
 */
(function () {
  "use strict";

  var MIN_HEIGHT = 100, MAX_HEIGHT = 100000;  // CSS pixels

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-parcel-help]"));
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    // A step is never shorter than MIN_HEIGHT: a smaller figure (0, 1e-300) would
    // collapse the frame out of sight, so it is ignored like any other odd message.
    if (!data || data.type !== "parcel-help:height" || typeof data.height !== "number" ||
        !(data.height >= MIN_HEIGHT && data.height <= MAX_HEIGHT)) return;
    frames().forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(data.height) + "px";
    });
  });

  // Frames that loaded before this script did: ask them for their height again.
  frames().forEach(function (frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: "parcel-help:measure" }, "*");
  });
}());
