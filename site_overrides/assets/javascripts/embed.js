/*
 * The embed's side (/embed/; the "Embed the questionnaire" page documents it).
 * Runs before questionnaire.js: ?start=NODE-ID names the step shown first. On
 * reaching an outcome it loads what to do now (all outcomes', one request).
 * Then, when framed, it tells the host page its height after every step and every
 * resize: parent.postMessage({type: "parcel-help:height", height: CSS pixels}).
 * The host's embed-host.js answers nothing but may ask again with
 * {type: "parcel-help:measure"} (it may arrive after our first message).
 */
(function () {
  "use strict";

  var root = document.querySelector(".pq");
  var start = new URLSearchParams(location.search).get("start");
  if (root && start) root.setAttribute("data-initial", start);

  /* What to do now, for every outcome at once, on reaching the first: one request to
     outcomes.json beside this page (it keeps the page within one round trip). A
     sandboxed frame (an opaque origin) may not read it; its outcomes keep the deadline
     and the link to all the advice on the site. */
  var loading = null;
  function fill(steps) {
    Object.keys(steps).forEach(function (id) {
      var later = document.getElementById(id);
      later = later && later.querySelector(".pq-later");
      if (!later) return;
      later.querySelector(".pq-do").innerHTML = steps[id];
      later.hidden = false;
    });
  }
  document.addEventListener("pq:step", function (event) {
    var step = document.getElementById(event.detail.id);
    if (loading || !step || !step.querySelector(".pq-later") || window.origin === "null") return;
    loading = fetch("outcomes.json").then(function (response) {
      return response.ok ? response.json() : Promise.reject(response.status);
    }).then(fill, function () { loading = null; });
  });

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
