/*
 * The site's search, loaded by search.js the first time the reader opens it: Material's
 * search dialog, worker and result markup, driven by this script in place of Material's
 * search component. It starts Material's search worker and hands it this language's
 * index. The keys while search is open are Material's: arrows move through the
 * results, Enter goes to the best one, Escape or Tab closes.
 */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-pq-search]");
  var toggle = document.getElementById("__search");
  var settings = document.getElementById("__config");
  if (!dialog || !toggle || !settings) return;
  var config = JSON.parse(settings.textContent);
  var base = new URL(config.base, location.href);  // this language's folder
  var form = dialog.querySelector("form");
  var query = dialog.querySelector(".md-search__input");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  /* Material's worker protocol (integrations/search/worker/message) */
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var result = dialog.querySelector(".md-search-result");
  var worker, ready = false, asked = null, pending = 0, stems = false;
  result.setAttribute("aria-busy", "true");  // until the first results

  function say(key, count) {
    var text = config.translations[key];
    return count === undefined ? text : text.replace("#", String(count));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function close() {
    // a click, as Material's own setToggle: the toggle's change listeners hear it
    if (toggle.checked) toggle.click();
  }

  function start() {
    worker = new Worker(config.search);
    worker.addEventListener("message", function (event) {
      if (event.data.type === READY) {
        ready = true;
        ask();
      } else if (event.data.type === RESULT) {
        pending -= 1;
        show(event.data.data.items);
        if (!pending) result.setAttribute("aria-busy", "false");
      }
    });
    fetch(new URL("search/search_index.json", base)).then(function (response) {
      return response.json();
    }).then(function (index) {
      stems = (index.config.pipeline || []).indexOf("stemmer") >= 0;
      worker.postMessage({ type: SETUP, data: {
        config: index.config, docs: index.docs, options: { suggest: false } } });
    });
  }

  /* The worker answers in order; only a changed query is sent. */
  function ask() {
    if (!ready || query.value === asked) return;
    asked = query.value;
    pending += 1;
    result.setAttribute("aria-busy", "true");
    worker.postMessage({ type: QUERY, data: stemmed(asked) });
  }

  /*
   * Material's worker looks each word up as a prefix ("word*"), which lunr does not
   * stem. Where the index is stemmed (languages other than English: split_search_index)
   * each plain word is also asked whole ("word^1": a boost, so no "*" is added), which
   * lunr stems like the index: "retenidos" finds "retenido".
   */
  function stemmed(words) {
    if (!stems) return words;
    return words.split(/\s+/).map(function (word) {
      return /^[^"*+\-:^~]+$/.test(word) ? word + " " + word + "^1" : word;
    }).join(" ");
  }

  /*
   * The index holds each page's text as HTML (the search plugin's, from our own built
   * pages), with the worker's <mark>s added. It is parsed into an inert document (no
   * script runs, nothing loads) and only text and these bare elements are copied out:
   * no attribute and no other element reaches the page.
   */
  var KEPT = /^(P|MARK|CODE|PRE|UL|OL|LI|EM|STRONG)$/;

  function copyInto(target, html) {
    (function walk(into, from) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          into.append(node.data);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          walk(KEPT.test(node.tagName) ? into.appendChild(element(node.tagName)) : into,
            node);
        }
      });
    }(target, new DOMParser().parseFromString(html, "text/html").body));
  }

  /* One found page or section, as Material's templates/search renders it. */
  function found(doc, parent, teaser) {
    var link = element("a", "md-search-result__link");
    var address = new URL(doc.location, base);
    if (address.origin === location.origin) link.href = address.href;  // never javascript:
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.setAttribute("data-md-score", doc.score.toFixed(2));
    if (parent) article.append(element("div", "md-search-result__icon md-icon"));
    var title = element(parent ? "h1" : "h2");
    copyInto(title, doc.title);
    article.append(title);
    if (teaser && doc.text) copyInto(article, doc.text);
    var missing = Object.keys(doc.terms).filter(function (term) { return !doc.terms[term]; });
    if (teaser && missing.length) {
      var terms = element("p", "md-search-result__terms", say("search.result.term.missing") + ": ");
      missing.forEach(function (term, i) {
        if (i) terms.append(" ");
        terms.append(element("del", null, term));
      });
      article.append(terms);
    }
    link.append(article);
    return link;
  }

  /* One page's results: the page, its best sections, and the rest folded under
     "N more on this page" (Material's renderSearchResultItem). */
  function item(docs) {
    var best = docs[0].score;
    var sections = docs.slice();
    var at = sections.findIndex(function (doc) { return doc.location.indexOf("#") < 0; });
    var page = sections.splice(at, 1)[0];
    var cut = sections.findIndex(function (doc) { return doc.score < best; });
    if (cut < 0) cut = sections.length;
    var li = element("li", "md-search-result__item");
    li.append(found(page, true, at === 0 && cut === 0));
    sections.slice(0, cut).forEach(function (doc) { li.append(found(doc, false, true)); });
    var more = sections.slice(cut);
    if (more.length) {
      var details = element("details", "md-search-result__more");
      var summary = element("summary");
      summary.tabIndex = -1;
      summary.append(element("div", null, more.length === 1 ? say("search.result.more.one")
        : say("search.result.more.other", more.length)));
      details.append(summary);
      more.forEach(function (doc) { details.append(found(doc, false, true)); });
      li.append(details);
    }
    return li;
  }

  function show(items) {
    meta.textContent = items.length > 1 ? say("search.result.other", items.length)
      : items.length === 1 ? say("search.result.one")
      : say(query.value ? "search.result.none" : "search.result.placeholder");
    var focused = list.contains(document.activeElement);
    list.replaceChildren.apply(list, items.map(item));
    if (focused) query.focus();  // the focused result is gone: back to the words
  }

  function bestResult() {
    var best = null, score = -Infinity;
    list.querySelectorAll("a[href]").forEach(function (link) {
      var value = parseFloat(link.firstElementChild.getAttribute("data-md-score"));
      if (value > score) { best = link; score = value; }
    });
    return best;
  }

  function move(by) {
    var stops = [query].concat(Array.prototype.slice.call(list.querySelectorAll(
      ":not(details) > [href], summary, details[open] [href]")));
    var at = Math.max(0, stops.indexOf(document.activeElement));
    stops[(at + stops.length + by) % stops.length].focus();
  }

  /* Keys while search is open: as Material's (components/search). */
  addEventListener("keydown", function (event) {
    if (!toggle.checked || event.metaKey || event.ctrlKey || event.isComposing) return;
    var key = event.key, active = document.activeElement;
    if (key === "Enter") {
      if (active !== query) return;
      var best = bestResult();
      if (best) best.click();
    } else if (key === "ArrowUp" || key === "ArrowDown") {
      move(key === "ArrowUp" ? -1 : 1);
    } else {
      if (key === "Escape" || key === "Tab") {
        close();
        query.blur();
      } else if (active !== query && key.length === 1 && key !== " ") {
        query.focus();  // a letter typed on a result goes on into the field
      }
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  });

  function opened() {
    list.hidden = !toggle.checked;
    list.setAttribute("role", toggle.checked ? "list" : "presentation");
  }

  query.addEventListener("input", ask);
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    query.value = "";
    ask();
    query.focus();
  });
  toggle.addEventListener("change", opened);
  // a chosen result closes search, also when it is a step on this same page
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close();
  });
  opened();
  start();
}());
