/*
 * What Material's own script did on this site's pages, in place of it: Material's
 * bundle (35 KB gzipped, about 100 ms of main-thread work at start-up on a slow phone)
 * is not loaded (main.html). Lighthouse counted its download against the largest
 * contentful paint and its start-up against Total Blocking Time (BENCHMARKS.md), and
 * this site used a few of its parts:
 * - the `js` class in place of `no-js` (Material's styles show search with it);
 * - the `focus-visible` class on what the keyboard focuses (Material's focus rings);
 * - the colour scheme switch, following the system's setting until the reader picks
 *   one (nothing is stored: the next page follows the system again);
 * - the header's shadow, and its title turning to the page's title once the page's
 *   heading has scrolled under it;
 * - the table of contents marking the section being read;
 * - Enter on a menu section's label opens it; the menu closes when the page moves to
 *   another of its places;
 * - code blocks: scrolling by keyboard, and the copy button on the embed snippet.
 * Search is search.js. Left out, as unused here: instant loading, tabs, tooltips,
 * the "p"/"n" keys for the previous and next page.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  /* Keyboard focus: Material's styles draw focus rings on .focus-visible. */
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.matches && target.matches(":focus-visible")) target.classList.add("focus-visible");
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.classList) event.target.classList.remove("focus-visible");
  });

  /* The colour scheme: Material's radio buttons, each followed by the label that
     switches to the next one (partials/palette.html). */
  var palette = document.querySelector("[data-md-component=palette]");
  if (palette) {
    var inputs = Array.prototype.slice.call(palette.querySelectorAll("input"));
    var apply = function (input) {
      var body = document.body;
      body.setAttribute("data-md-color-switching", "");  // no transitions meanwhile
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        var value = input.getAttribute("data-md-color-" + key);
        if (body.getAttribute("data-md-color-" + key) !== value) {
          body.setAttribute("data-md-color-" + key, value);
        }
      });
      inputs.forEach(function (other) {
        if (other.nextElementSibling) other.nextElementSibling.hidden = other !== input;
      });
      input.checked = true;
      setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    };
    var system = function () {
      apply(inputs.filter(function (input) {
        return matchMedia(input.getAttribute("data-md-color-media")).matches;
      })[0] || inputs[0]);
    };
    inputs.forEach(function (input) {
      input.addEventListener("change", function () { apply(input); });
    });
    palette.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      var next = inputs[(inputs.indexOf(event.target) + 1) % inputs.length];
      next.click();
      next.focus();
    });
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", system);
    system();
  }

  /* The header: a shadow once the page's main part has reached it (at once here: it
     starts right under the header); the page's title in place of the site's once the
     page's heading is under the header. */
  var header = document.querySelector(".md-header");
  var main = document.querySelector(".md-main");
  var title = document.querySelector(".md-header__title");
  var heading = document.querySelector(".md-content h1");
  if (header && main) {
    var shadow = function () {
      header.classList.toggle("md-header--shadow",
        main.offsetTop - header.offsetHeight <= window.scrollY);
    };
    window.addEventListener("scroll", shadow, { passive: true });
    shadow();
  }
  if (header && title && heading && window.IntersectionObserver) {
    new IntersectionObserver(function (entries) {
      var entry = entries[entries.length - 1];
      title.classList.toggle("md-header__title--active", !entry.isIntersecting &&
        entry.boundingClientRect.bottom <= (entry.rootBounds ? entry.rootBounds.top : 0));
    }, { rootMargin: "-" + header.offsetHeight + "px 0px 0px 0px" }).observe(heading);
  }

  /* The table of contents, by Material's rule: a section is passed once its heading
     is above the header (and most of the page's top margin); the section being read
     is the last one passed, and at the page's end, the last one. */
  var links = Array.prototype.slice.call(
    document.querySelectorAll("[data-md-component=toc] a.md-nav__link[href^='#']"));
  var targets = links.map(function (link) {
    return document.getElementById(decodeURIComponent(link.hash.slice(1)));
  });
  var pending = false;
  var follow = function () {
    pending = false;
    var adjust = (header ? header.offsetHeight : 0) +
      (main ? 0.8 * main.firstElementChild.offsetTop - 0.8 * main.offsetTop : 0);
    var end = window.scrollY + window.innerHeight >= Math.floor(document.body.offsetHeight);
    var current = -1;
    targets.forEach(function (target, i) {
      if (target && (end || target.getBoundingClientRect().top < adjust)) current = i;
    });
    links.forEach(function (link, i) {
      link.classList.toggle("md-nav__link--passed", i <= current);
      link.classList.toggle("md-nav__link--active", i === current);
    });
  };
  if (links.length) {
    window.addEventListener("scroll", function () {
      if (!pending) requestAnimationFrame(follow);
      pending = true;
    }, { passive: true });
    follow();
  }

  /* The menu: Enter on a focused section label opens it, as a click does, and the
     section says whether it is open. */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target instanceof HTMLLabelElement) event.target.click();
  });
  document.querySelectorAll(".md-nav__toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function () {
      var nav = document.querySelector("[aria-labelledby='" + toggle.id + "_label']");
      if (nav) nav.setAttribute("aria-expanded", String(toggle.checked));
    });
  });

  /* Code: a block wider than its box scrolls by keyboard too; a block marked `copy`
     (the embed snippet, generator/embed.py) gets Material's copy button, which says
     "Copied" in Material's dialog. */
  var settings = document.getElementById("__config");
  var words = settings ? JSON.parse(settings.textContent).translations : {};
  var dialog = document.querySelector("[data-md-component=dialog]");
  document.querySelectorAll(".md-typeset pre > code").forEach(function (code) {
    if (code.scrollWidth > code.clientWidth) code.tabIndex = 0;
    var pre = code.parentElement;
    if (!pre.classList.contains("copy") || !navigator.clipboard) return;
    var nav = document.createElement("nav");
    nav.className = "md-code__nav";
    var button = document.createElement("button");
    button.className = "md-code__button";
    button.title = words["clipboard.copy"] || "";
    button.setAttribute("data-md-type", "copy");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        if (!dialog) return;
        dialog.firstElementChild.textContent = words["clipboard.copied"] || "";
        dialog.classList.add("md-dialog--active");
        setTimeout(function () { dialog.classList.remove("md-dialog--active"); }, 2000);
      });
    });
    nav.append(button);
    pre.insertBefore(nav, code);
  });

  // the page moving to another of its places (a link, the back button): the menu
  // closes to show it
  var drawer = document.getElementById("__drawer");
  window.addEventListener("hashchange", function () {
    if (drawer && drawer.checked) drawer.click();
  });
}());
