/* kbgen: behaviour that a static help center still needs. */
(function () {
  "use strict";

  // Notices are built into every page; hide one once its end time has passed.
  function hideEndedNotices() {
    document.querySelectorAll("[data-kb-notice-end]").forEach(function (el) {
      if (Date.parse(el.dataset.kbNoticeEnd) <= Date.now()) el.remove();
    });
  }

  // "Was this page helpful?": answered once per page, remembered in this browser.
  // A site with analytics can listen for the "kbgen:feedback" event.
  function setUpFeedback() {
    document.querySelectorAll("[data-kb-feedback]").forEach(function (form) {
      var key = "kbgen-feedback:" + form.dataset.kbFeedback;
      function show(answer) {
        form.querySelector("fieldset").hidden = true;
        form.querySelectorAll("[data-answer]").forEach(function (p) {
          p.hidden = p.dataset.answer !== answer;
        });
      }
      form.hidden = false;
      var stored = null;
      try { stored = localStorage.getItem(key); } catch (e) { /* storage disabled */ }
      if (stored) show(stored);
      form.querySelectorAll("button").forEach(function (button) {
        button.addEventListener("click", function () {
          try { localStorage.setItem(key, button.value); } catch (e) { /* storage disabled */ }
          document.dispatchEvent(new CustomEvent("kbgen:feedback", { detail: { page: form.dataset.kbFeedback, helpful: button.value === "yes" } }));
          show(button.value);
        });
      });
    });
  }

  function init() { hideEndedNotices(); setUpFeedback(); }
  // Material's instant navigation swaps pages without a reload: run again on each.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();

/* Reader signals (see docs/search.md). */
(function () {
  "use strict";
  var SETTLE_MS = 1500;  // a search is counted once the reader stops typing

  // Reader signals, only where the site names an endpoint (extra.kbgen.signals_endpoint): a search once
  // its query has settled (query, result count, language) and each "Was this page helpful?" answer.
  // No cookies, no identifiers, no third party.
  function sendSignals() {
    var meta = document.querySelector('meta[name="kbgen-signals"]');
    if (!meta || !navigator.sendBeacon) return;
    var endpoint = meta.content;
    var settle = null;
    function send(signal) {
      navigator.sendBeacon(endpoint, new Blob([JSON.stringify(signal)], { type: "application/json" }));
    }
    document.addEventListener("kbgen:search", function (event) {
      clearTimeout(settle);
      var detail = event.detail;
      settle = setTimeout(function () {
        send({ type: "search", lang: detail.language, query: detail.query, results: detail.results });
      }, SETTLE_MS);
    });
    document.addEventListener("kbgen:feedback", function (event) {
      var page = String(event.detail.page);
      send({ type: "feedback", lang: page.split(":")[0], page: page.slice(page.indexOf(":") + 1),
             helpful: !!event.detail.helpful });
    });
  }

  sendSignals();
})();
