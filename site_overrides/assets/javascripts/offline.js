/*
 * Registers the site's service worker (sw.js at the site's root: its scope is the whole
 * site), once the page has loaded and the browser is idle, so it never slows the page
 * down. The worker caches the site for offline use (see sw.js). Loaded by every page
 * of the site, and not by the embed, which runs inside other sites' frames.
 */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  // This file is assets/javascripts/offline.js: the site's root is two folders up.
  var worker = new URL("../../sw.js", document.currentScript.src);

  function register() {
    navigator.serviceWorker.register(worker.href).catch(function () {
      /* not offered here (a private window, file:, a browser setting): the site works
         online as before */
    });
  }

  // After load, once the browser is idle: the worker's first caching (every page of
  // the site) otherwise competes for the CPU with the page's own start-up on a slow
  // phone (BENCHMARKS.md). Safari has no requestIdleCallback: a task later there.
  function soon() {
    (window.requestIdleCallback || window.setTimeout)(register);
  }

  if (document.readyState === "complete") soon();
  else window.addEventListener("load", soon);
}());
