/*
 * Registers the site's service worker (sw.js at the site's root: its scope is the whole
 * site), once the page has loaded so it never slows the page down. The worker caches
 * the site for offline use (see sw.js). Loaded by every page of the site, and not by
 * the embed, which runs inside other sites' frames.
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

  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
}());
