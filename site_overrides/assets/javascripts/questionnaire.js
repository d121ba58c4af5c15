/*
 * The questionnaire, enhanced. Every step is a <section id="NODE-ID"> in the page and
 * every answer a link to "#NEXT-ID", so the page works without this script (CSS shows
 * the :target step). With it: one step at a time under the script's control, focus on
 * the new step's heading after each answer, the page title naming the step, the list
 * of answers given with a link to change each, and a notice for an unknown address.
 * The answers given live in history.state (no cookies, no storage, no requests), so
 * back, forward and reload keep them.
 */
(function () {
  "use strict";

  var root = document.querySelector(".pq");
  if (!root || !window.history) return;

  var steps = {};
  Array.prototype.forEach.call(root.querySelectorAll(".pq-step"), function (step) {
    steps[step.id] = step;
  });
  var start = steps[root.getAttribute("data-start")];
  var notice = root.querySelector(".pq-notice");
  var trail = root.querySelector(".pq-trail");
  var trailList = trail.querySelector(".pq-trail-list");
  var changeLabel = root.getAttribute("data-change") || "Change";
  // Inside an embed the host page must never scroll because of us.
  var embedded = root.hasAttribute("data-embedded");
  var pageTitle = document.title;
  var current = null;
  var answers = [];  // [{q: question id, a: answer text, next: node id}]

  function titleOf(step) {
    return step.querySelector(".pq-title").textContent.trim();
  }

  /* The step a fragment means: a step id, or the id of something inside a step (the
     theme's search links to headings). null: not ours (e.g. the skip link). */
  function resolve(hash) {
    var id = "";
    // A fragment that is not valid percent-encoding (#%) names no step: the notice says so.
    try { id = decodeURIComponent((hash || "").replace(/^#/, "")); } catch (e) { return { step: start, known: false }; }
    if (!id) return { step: start, known: true };
    if (steps.hasOwnProperty(id)) return { step: steps[id], known: true };
    var element = document.getElementById(id);
    if (element) {
      var inside = element.closest(".pq-step");
      return inside ? { step: inside, known: true } : null;
    }
    return { step: start, known: false };
  }

  function renderTrail() {
    trailList.textContent = "";
    answers.forEach(function (given) {
      var question = steps[given.q];
      if (!question) return;
      var item = document.createElement("li");
      var asked = document.createElement("span");
      asked.className = "pq-trail-question";
      asked.textContent = titleOf(question);
      var answer = document.createElement("strong");
      answer.className = "pq-trail-answer";
      answer.textContent = given.a;
      var change = document.createElement("a");
      change.className = "pq-trail-change";
      change.href = "#" + given.q;
      change.textContent = changeLabel;
      change.setAttribute("aria-label", changeLabel + ": " + titleOf(question));
      item.appendChild(asked);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(answer);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(change);
      trailList.appendChild(item);
    });
    trail.hidden = answers.length === 0;
  }

  function show(step, options) {
    options = options || {};
    if (current && current !== step) current.classList.remove("pq-current");
    step.classList.add("pq-current");
    current = step;
    notice.hidden = !options.unknown;
    notice.textContent = options.unknown ? root.getAttribute("data-notice-unknown") : "";
    document.title = step === start && !answers.length ? pageTitle : titleOf(step) + " - " + pageTitle;
    renderTrail();
    if (options.focus) {
      step.querySelector(".pq-title").focus({ preventScroll: embedded });
    }
    root.dispatchEvent(new CustomEvent("pq:step", { detail: { id: step.id }, bubbles: true }));
  }

  function remember() {
    try {
      history.replaceState({ pqAnswers: answers }, "", location.href);
    } catch (e) { /* a sandboxed frame may refuse; the answers then last until reload */ }
  }

  /* Keep the answers given up to a step that is already on the path. */
  function truncateTo(id) {
    for (var i = 0; i < answers.length; i++) {
      if (answers[i].q === id) { answers = answers.slice(0, i); return; }
    }
    if (id === start.id) answers = [];
  }

  function go(id, link) {
    if (link.classList.contains("pq-answer")) {
      answers = answers.concat([{ q: current.id, a: link.textContent.trim(), next: id }]);
    } else {
      truncateTo(id);
    }
    try {
      history.pushState({ pqAnswers: answers }, "", "#" + id);
    } catch (e) {
      location.hash = id;  // the hashchange handler shows the step
      return;
    }
    show(steps[id], { focus: true });
  }

  root.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var id = link.getAttribute("href").slice(1);
    if (!steps.hasOwnProperty(id)) return;
    event.preventDefault();
    go(id, link);
  });

  window.addEventListener("popstate", function (event) {
    var found = resolve(location.hash);
    if (!found) return;
    answers = (event.state && event.state.pqAnswers) || [];
    show(found.step, { focus: true, unknown: !found.known });
  });

  // A fragment typed into the address bar, or a search result on this page.
  window.addEventListener("hashchange", function () {
    var found = resolve(location.hash);
    if (!found || found.step === current) return;
    truncateTo(found.step.id);
    remember();
    show(found.step, { focus: true, unknown: !found.known });
  });

  root.classList.add("pq-js");
  // With no step in the address, the page may name the first one: data-initial (the
  // embed's ?start= option, set by embed.js). An unknown id shows the start and notice.
  var asked = location.hash || "#" + (root.getAttribute("data-initial") || "");
  var initial = resolve(asked) || { step: start, known: true };
  answers = (history.state && history.state.pqAnswers) || [];
  show(initial.step, { unknown: !initial.known });
}());
