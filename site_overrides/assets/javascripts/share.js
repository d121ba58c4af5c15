/*
 * "Print or save as PDF", "Copy link" and "Share" for the questionnaire's current step.
 * The buttons are in the page (questionnaire.md.j2), hidden: each is shown only where
 * this browser can do what it says (window.print, the clipboard, the system share
 * sheet), and the group moves into each step questionnaire.js shows. The address
 * already names the step (#NODE-ID), so the link shared is the page's own (with the
 * deadline calculator's dates, when the address has them); on paper, the step's
 * address is printed under the advice.
 */
(function () {
  "use strict";

  var group = document.querySelector(".pq-share");
  var address = document.querySelector(".pq-address");
  var root = document.querySelector(".pq");
  if (!group || !root) return;
  var print = group.querySelector(".pq-print");
  var copy = group.querySelector(".pq-copy");
  var share = group.querySelector(".pq-share-button");
  var status = group.querySelector(".pq-share-status");

  function link() {
    return location.href;
  }

  function say(text) {
    status.textContent = text;
  }

  print.hidden = typeof window.print !== "function";
  copy.hidden = !(navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext);
  share.hidden = typeof navigator.share !== "function";

  print.addEventListener("click", function () { window.print(); });
  copy.addEventListener("click", function () {
    navigator.clipboard.writeText(link()).then(function () {
      say(copy.getAttribute("data-done"));
    }, function () {
      say(copy.getAttribute("data-failed"));
    });
  });
  share.addEventListener("click", function () {
    var title = document.title;
    navigator.share({ title: title, url: link() }).catch(function () {
      /* the reader closed the share sheet: nothing to say */
    });
  });

  /* Into the step on screen, before "Start again"; the print button for advice only. */
  function place(step) {
    var before = step.querySelector(".pq-restart, .pq-edit");
    step.insertBefore(group, before);
    if (address) {
      step.insertBefore(address, before);
      // the step's own address: a query (the calculator's dates) is on the paper already
      address.querySelector("span").textContent = location.origin + location.pathname +
        location.hash;
      address.hidden = false;  // on paper only (questionnaire.css)
    }
    print.hidden = typeof window.print !== "function" || !step.classList.contains("pq-outcome");
    say("");
    group.hidden = false;
  }

  root.addEventListener("pq:step", function (event) {
    place(document.getElementById(event.detail.id));
  });
  var current = root.querySelector(".pq-current");
  if (current) place(current);
}());
