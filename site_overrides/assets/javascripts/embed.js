/*
 * The embed's side (/embed/; the "Embed the questionnaire" page documents it).
 * Runs before questionnaire.js: ?start=NODE-ID names the step shown first
 * (questionnaire.js goes to that step's page, /embed/NODE-ID/). When framed, it tells
 * the host page its height after every step and every resize: parent.postMessage({type: "parcel-help:height", height: CSS pixels}).
 * The host's embed-host.js answers nothing but may ask again with
 * {type: "parcel-help:measure"} (it may arrive after our first message).
 */
(function () {
  "use strict";

  var root = document.querySelector(".pq");
  var start = new URLSearchParams(location.search).get("start");
  if (root && start) root.setAttribute("data-initial", start);

  if (window.parent === window) return;

  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: "parcel-help:height", height: height }, "*");
  }

  document.addEventListener("pq:step", post);
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "parcel-help:measure") post();
  });
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.documentElement);
  post();
}());
