/*
 * The questionnaire, enhanced. Every step is a page of its own (/questionnaire/ID/,
 * the first question /questionnaire/) holding one <section id="ID">, and every answer
 * is a link to the next step's page, so the questionnaire works without this script.
 * With it, the next step appears without a page load: each step's data (its section,
 * steps/ID.json beside the first page) is fetched as soon as a link to it shows, and
 * swapped in on the click, with the step's own address in the history. Focus goes to
 * the new step's heading, the page title names it, a list of the answers given links
 * to change each, and an old address (/questionnaire/#ID, the embed's ?start=ID) goes
 * to its step's page, or shows a notice. The answers live in history.state (no
 * cookies, no storage), so back, forward and reload keep them. Where the data cannot
 * be fetched (a sandboxed frame, offline and not cached), links load the page.
 */
(function () {
  "use strict";

  var root = document.querySelector(".pq");
  if (!root || !window.history || !window.fetch) return;

  var start = root.getAttribute("data-start");
  var first = new URL(root.getAttribute("data-root"), location.href).href;
  var notice = root.querySelector(".pq-notice");
  var trail = root.querySelector(".pq-trail");
  var trailList = trail.querySelector(".pq-trail-list");
  var intro = document.querySelector(".pq-intro");
  var changeLabel = root.getAttribute("data-change") || "Change";
  // Inside an embed the host page must never scroll because of us.
  var embedded = root.hasAttribute("data-embedded");
  // A sandboxed frame (an opaque origin) cannot read the steps' data: links load pages.
  var fetching = window.origin !== "null";
  var loaded = {};  // step id -> Promise of {id, section, title}
  var answers = [];  // [{q: question id, t: its title, a: answer text}]
  var current = {
    id: root.getAttribute("data-current"),
    section: root.querySelector(".pq-step"),
    title: document.title
  };
  loaded[current.id] = Promise.resolve(current);

  /* The embed's ?start= has done its work once the step is shown. */
  function query() {
    var search = new URLSearchParams(location.search);
    search.delete("start");
    var text = search.toString();
    return text ? "?" + text : "";
  }

  function pageOf(id) {
    return first + (id === start ? "" : encodeURIComponent(id) + "/");
  }

  /* The page's links were written relative to the address it loaded at, which
     pushState changes: make them absolute (a fragment names this document: kept). The
     browser looks for the icon again at each new address. */
  function absolute(scope, base) {
    var links = scope.querySelectorAll("a[href], link[rel~='icon'], link[rel='manifest']");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href");
      if (href.charAt(0) !== "#") link.setAttribute("href", new URL(href, base).href);
    });
  }

  function load(id) {
    if (!loaded[id]) {
      loaded[id] = fetch(first + "steps/" + encodeURIComponent(id) + ".json").then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      }).then(function (data) {
        if (data.redirect) return load(data.redirect);  // an old id
        var holder = document.createElement("template");
        holder.innerHTML = data.html;
        var section = holder.content.firstElementChild;
        absolute(section, pageOf(id));
        return { id: id, section: section, title: data.title };
      });
      loaded[id].catch(function () { delete loaded[id]; });  // try again on the click
    }
    return loaded[id];
  }

  /* The steps a section links to, fetched once it is painted (not in the frame that
     shows it): on the click, the step is there. */
  function prefetch(section) {
    if (!fetching) return;
    requestAnimationFrame(function () {
      setTimeout(function () { fetchLinked(section); });
    });
  }

  function fetchLinked(section) {
    Array.prototype.forEach.call(section.querySelectorAll("a[data-step]"), function (link) {
      load(link.getAttribute("data-step")).catch(function () { /* the link loads the page */ });
    });
  }

  function titleOf(section) {
    return section.querySelector(".pq-title").textContent.trim();
  }

  /* The trail's items, one per answer given. Going on adds one; going back removes
     the last ones: only what changed is built (each step's swap fits one frame). */
  var shown = [];  // the answers the trail's items show, in order

  function trailItem(given) {
    var item = document.createElement("li");
    var asked = document.createElement("span");
    asked.className = "pq-trail-question";
    asked.textContent = given.t;
    var answer = document.createElement("strong");
    answer.className = "pq-trail-answer";
    answer.textContent = given.a;
    var change = document.createElement("a");
    change.className = "pq-trail-change";
    change.href = pageOf(given.q);
    change.setAttribute("data-step", given.q);
    if (embedded) change.target = "_self";
    change.textContent = changeLabel;
    change.setAttribute("aria-label", changeLabel + ": " + given.t);
    item.appendChild(asked);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(answer);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(change);
    return item;
  }

  function renderTrail() {
    var kept = 0;
    while (kept < shown.length && kept < answers.length && shown[kept] === answers[kept]) kept++;
    while (trailList.children.length > kept) trailList.lastElementChild.remove();
    for (var i = kept; i < answers.length; i++) trailList.appendChild(trailItem(answers[i]));
    shown = answers.slice();
    if (trail.hidden !== (answers.length === 0)) trail.hidden = answers.length === 0;
  }

  /* The report link under an outcome (feedback.py) names the outcome and the language.
     The answers that led here are known only to this script: they go into the new
     issue's body, which the reader sees and may edit before GitHub gets anything. The
     site itself sends nothing. */
  function reportAnswers(section) {
    var link = section.querySelector(".pq-report a[data-answers]");
    if (!link) return;
    if (!link.hasAttribute("data-built")) link.setAttribute("data-built", link.href);
    var built = link.getAttribute("data-built");
    if (!answers.length) { link.href = built; return; }
    var lines = answers.map(function (given) { return "- " + given.t + " → " + given.a; });
    var added = "\n\n" + link.getAttribute("data-answers") + "\n" + lines.join("\n");
    var at = built.indexOf("?");
    // Each pair as feedback.py wrote it, percent-encoded (spaces as %20, never "+").
    var pairs = built.slice(at + 1).split("&").map(function (pair) {
      var parts = pair.split("=");
      if (parts[0] !== "body") return pair;
      return "body=" + encodeURIComponent(decodeURIComponent(parts[1]).replace(/\s+$/, "") + added);
    });
    link.href = built.slice(0, at + 1) + pairs.join("&");
  }

  function show(step, options) {
    options = options || {};
    if (current.section !== step.section) current.section.replaceWith(step.section);
    current = step;
    // Only what changes is written: each write makes the browser check the styles again.
    if (intro && intro.hidden !== (step.id !== start)) intro.hidden = step.id !== start;
    if (notice.hidden !== !options.unknown) {
      notice.hidden = !options.unknown;
      notice.textContent = options.unknown ? root.getAttribute("data-notice-unknown") : "";
    }
    document.title = step.title;
    renderTrail();
    reportAnswers(step.section);
    root.dispatchEvent(new CustomEvent("pq:step", { detail: { id: step.id }, bubbles: true }));
    // Last: focusing lays the page out, once every part of the step is in place.
    if (options.focus) {
      step.section.querySelector(".pq-title").focus({ preventScroll: embedded });
    }
    prefetch(step.section);
  }

  function state() {
    return { pqStep: current.id, pqAnswers: answers };
  }

  /* Keep the answers given up to a step that is already on the path. */
  function truncateTo(id) {
    for (var i = 0; i < answers.length; i++) {
      if (answers[i].q === id) { answers = answers.slice(0, i); return; }
    }
    if (id === start) answers = [];
  }

  function go(id, link) {
    var given = link.classList.contains("pq-answer") &&
      { q: current.id, t: titleOf(current.section), a: link.textContent.trim() };
    load(id).then(function (step) {
      if (given) answers = answers.concat([given]); else truncateTo(step.id);
      var before = answers;
      try {
        history.pushState({ pqStep: step.id, pqAnswers: answers }, "", pageOf(step.id) + query());
      } catch (e) {
        answers = before;
        location.href = link.href;
        return;
      }
      show(step, { focus: true });
    }, function () { location.href = link.href; });
  }

  root.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-step]");
    if (!link || !fetching || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(link.getAttribute("data-step"), link);
  });

  window.addEventListener("popstate", function (event) {
    var saved = event.state;
    if (!saved || !saved.pqStep) return;  // a fragment of this page (the skip link)
    load(saved.pqStep).then(function (step) {
      answers = saved.pqAnswers || [];
      show(step, { focus: true });
    }, function () { location.reload(); });
  });

  /* An address from before steps had pages: /questionnaire/#ID (or #ID-title, a
     heading the search linked to), the embed's ?start=ID (data-initial, embed.js). It
     goes to the step's page; an id no step has shows this step and a notice. */
  function oldAddress() {
    var id;
    // A fragment that is not valid percent-encoding (#%) names no step.
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return false; }
    var element = id && document.getElementById(id);
    if (element && !element.classList.contains("pq-old")) id = "";  // this page's own
    return id || root.getAttribute("data-initial") || "";
  }

  function unknown() {
    show(current, { unknown: true });
  }

  function follow(id) {
    if (id === false || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) return unknown();
    if (!fetching) return location.replace(pageOf(id));  // a sandboxed frame: try its page
    load(id).then(function (step) {
      // Offline, the service worker sends a step's page it does not keep here, as
      // #ID (sw.js): the step shows on this page, at its own address.
      if (step.id === current.id || !navigator.onLine) {
        history.replaceState({ pqStep: step.id, pqAnswers: answers }, "", pageOf(step.id) + query());
        show(step, {});
      } else {
        location.replace(pageOf(step.id) + query());
      }
    }, function () {
      var heading = id.match(/^(.+)-title$/);  // the search's links into the one page
      if (heading) follow(heading[1]); else unknown();
    });
  }

  // An old address typed into the address bar over this page.
  window.addEventListener("hashchange", function () {
    var typed = oldAddress();
    if (typed !== "" && typed !== root.getAttribute("data-initial")) follow(typed);
  });

  root.classList.add("pq-js");
  absolute(document, location.href);
  // The search (search-dialog.js) finds its index and worker from the theme's settings.
  var settings = document.getElementById("__config");
  if (settings) {
    var config = JSON.parse(settings.textContent);
    config.base = new URL(config.base, location.href).href;
    config.search = new URL(config.search, location.href).href;
    settings.textContent = JSON.stringify(config);
  }
  answers = (history.state && history.state.pqAnswers) || [];
  var asked = oldAddress();
  // The first page's links for old addresses hold ids the steps swapped in will have.
  var moved = root.querySelector(".pq-moved");
  if (moved) moved.remove();
  history.replaceState(state(), "", location.href);
  if (location.href.split(/[?#]/)[0] !== pageOf(current.id) && !asked) {
    // an old id's page (an alias) shows the step that replaced it: name that step
    history.replaceState(state(), "", pageOf(current.id) + query() + location.hash);
  }
  show(current, {});
  if (asked !== "") follow(asked);
}());
