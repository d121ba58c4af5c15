/*
 * The site's service worker: after one visit the site works offline. The build
 * (generator/offline.py) writes above this comment VERSION, PRECACHE (every page,
 * style, script and search index of the site, as addresses relative to this file),
 * PACKS (a pack's address -> the addresses it holds; "FOLDER/*": every file in it) and
 * OFFLINE (each language's folder -> its offline page).
 *
 * - install: cache every file of PRECACHE in a cache named after the site's scope and
 *   VERSION, fetched past the browser's HTTP cache (cache: "reload"): static hosts send
 *   `Cache-Control: max-age=600`, and the HTTP cache would hand a new version the
 *   files of the old one, kept until the next deploy.
 * - activate: delete this site's caches of older versions (only this scope's: another
 *   site on the same origin, a fork on user.github.io/other/, keeps its own); take
 *   over the open pages.
 * - fetch: a same-origin GET is answered from the cache, else from the network; a page
 *   that is in neither shows the offline page of its language. Each language's pages
 *   (but its offline page) and what grows with the tree (the steps' data, the search
 *   index, the map) are cached in packs, gzipped, and a request for one of them is
 *   answered from its pack, inflated once per worker's life (DecompressionStream; a
 *   browser without it asks the network, and offline shows the offline page).
 * A rebuild that changes any file changes VERSION, so this file changes; the browser
 * checks it on each visit and installs the new version the next time it is online.
 * Nothing here is sent anywhere; no other host is ever asked.
 */
"use strict";

var PREFIX = "parcel-help ";
// This site's caches, and no other's: their names carry the worker's scope.
var OWN = PREFIX + self.registration.scope + " ";
var CACHE = OWN + VERSION;

/* Under `mkdocs serve` (PRECACHE null) the worker caches nothing, deletes what an
   earlier build cached and unregisters itself: pages there change with every edit. */
if (PRECACHE === null) {
  self.addEventListener("install", function () { self.skipWaiting(); });
  self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(OWN) === 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.registration.unregister(); }));
  });
}

if (PRECACHE !== null) self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PRECACHE.map(function (url) {
      return new Request(url, { cache: "reload" });
    }));
  }).then(function () {
    return self.skipWaiting();
  }));
});

if (PRECACHE !== null) self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(OWN) === 0 && name !== CACHE;
    }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () {
    return self.clients.claim();
  }));
});

/* The offline page for an address: that of the language folder it is in. */
function offlinePage(url) {
  var path = new URL(url).pathname;
  var root = new URL("./", self.location).pathname;
  var folder = Object.keys(OFFLINE).filter(function (prefix) {
    return prefix && path.indexOf(root + prefix) === 0;
  })[0] || "";
  return new URL(OFFLINE[folder], self.location).href;
}

/* Offline, a questionnaire step's page (not cached: its data is) goes to its language's
   first page of the questionnaire as #ID, which shows the step from its data. */
function stepStandIn(url) {
  var path = new URL(url).pathname;
  var root = new URL("./", self.location).pathname;
  var found = path.slice(root.length).match(/^((?:[a-z]{2}\/)?questionnaire\/)([a-z0-9-]+)\/$/);
  return found && new URL(found[1] + "#" + found[2], self.location).href;
}

/* An address as PACKS names it: its path from this file's folder, decoded. */
function ownPath(url) {
  var path = new URL(url).pathname;
  var root = new URL("./", self.location).pathname;
  if (path.indexOf(root) !== 0) return null;
  try { return decodeURI(path.slice(root.length)) || "./"; } catch (e) { return null; }
}

/* The pack that holds a path, if any. */
function packOf(path) {
  return Object.keys(PACKS).filter(function (pack) {
    return PACKS[pack].some(function (held) {
      return held === path ||
        (held.slice(-1) === "*" && path.indexOf(held.slice(0, -1)) === 0);
    });
  })[0] || null;
}

var unpacked = {};  // a pack's address -> Promise of {address: [content type, text]}

function unpack(cache, pack) {
  if (!unpacked[pack]) {
    unpacked[pack] = cache.match(pack).then(function (response) {
      if (!response || typeof DecompressionStream === "undefined") return null;
      return response.arrayBuffer();
    }).then(function (bytes) {
      if (!bytes) return null;
      var body = new Blob([bytes]).stream();
      var head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
      // A host that sent the file with Content-Encoding: gzip had it inflated already.
      if (head[0] === 0x1f && head[1] === 0x8b) {
        body = body.pipeThrough(new DecompressionStream("gzip"));
      }
      return new Response(body).json();
    });
    unpacked[pack].then(function (held) {
      if (!held) delete unpacked[pack];
    }, function () { delete unpacked[pack]; });
  }
  return unpacked[pack];
}

/* A packed file's response, or null (not cached yet, or not in the pack). */
function fromPack(cache, request) {
  var path = ownPath(request.url);
  var pack = path !== null && packOf(path);
  if (!pack) return Promise.resolve(null);
  return unpack(cache, new URL(pack, self.location).href).then(function (held) {
    var found = held && held[path];
    return found ? new Response(found[1], { headers: { "Content-Type": found[0] } }) : null;
  }, function () { return null; });
}

function respond(request) {
  // A page's address may carry a query (the embed's ?start=): the page is the same.
  var page = request.mode === "navigate";
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: page }).then(function (cached) {
      return cached || fromPack(cache, request);
    }).then(function (cached) {
      return cached || fetch(request).catch(function (error) {
        if (!page) throw error;
        var standIn = stepStandIn(request.url);
        if (standIn) return Response.redirect(standIn, 302);
        return cache.match(offlinePage(request.url)).then(function (offline) {
          if (offline) return offline;
          throw error;
        });
      });
    });
  });
}

if (PRECACHE !== null) self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});
