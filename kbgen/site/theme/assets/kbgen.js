/* kbgen: behaviour that a static help center still needs. */
(function () {
  "use strict";

  // Notices: every page carries those not ended when it was built. Show the current ones
  // (started, not ended, not dismissed) as one bar: the most severe first, "+N more" for
  // the rest. Times are rewritten in the reader's time zone and language (UTC stays in
  // the title). A dismissal is remembered per notice id and version: an edited notice
  // comes back.
  var DISMISSED = "kbgen-notice-dismissed:";

  function dismissed(key) {
    try { return localStorage.getItem(DISMISSED + key) === "1"; } catch (e) { return false; }
  }

  function localTimes(root) {
    var lang = document.documentElement.lang || undefined;
    var format;
    try {
      format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
    } catch (e) {
      format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    }
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      var when = Date.parse(el.getAttribute("datetime"));
      if (isNaN(when)) return;
      if (!el.dataset.kbUtc) el.dataset.kbUtc = el.textContent;
      el.textContent = format.format(new Date(when));
      el.title = el.dataset.kbUtc;
    });
  }

  function showNotices() {
    document.querySelectorAll("[data-kb-notices]").forEach(function (bar) {
      var now = Date.now();
      var current = [];
      bar.querySelectorAll("[data-kb-notice]").forEach(function (el) {
        var live = Date.parse(el.dataset.kbNoticeStart) <= now && now < Date.parse(el.dataset.kbNoticeEnd);
        if (live && !el.dataset.kbDismissed && !dismissed(el.dataset.kbNotice)) current.push(el);
        else el.hidden = true;
      });
      current.sort(function (a, b) {
        return (b.dataset.kbNoticeRank - a.dataset.kbNoticeRank) ||
          (Date.parse(b.dataset.kbNoticeStart) - Date.parse(a.dataset.kbNoticeStart));
      });
      var expanded = bar.dataset.kbExpanded === "1";
      current.forEach(function (el, index) {
        bar.insertBefore(el, bar.querySelector("[data-kb-notices-more]"));
        el.hidden = index > 0 && !expanded;
        el.querySelector("[data-kb-dismiss]").hidden = false;
      });
      bar.hidden = current.length === 0;
      bar.classList.add("kb-notices--ready");
      bar.classList.toggle("kb-notices--expanded", expanded);
      // On a phone a long notice is cut to a few lines (CSS): the button shows the rest too.
      var text = current.length ? current[0].querySelector(".kb-notice__text") : null;
      var cut = !!text && text.scrollHeight > text.clientHeight + 1;
      var more = bar.querySelector("[data-kb-notices-more]");
      more.hidden = current.length < 2 && !cut && !expanded;
      more.setAttribute("aria-expanded", expanded ? "true" : "false");
      more.textContent = expanded ? bar.dataset.kbFewer
        : current.length > 1 ? bar.dataset.kbMore.replace("{count}", current.length - 1) : bar.dataset.kbWhole;
    });
  }

  function setUpNotices() {
    document.querySelectorAll("[data-kb-notices]").forEach(function (bar) {
      localTimes(bar);
      if (bar.dataset.kbReady) return;
      bar.dataset.kbReady = "1";
      bar.addEventListener("click", function (event) {
        var dismiss = event.target.closest("[data-kb-dismiss]");
        if (dismiss) {
          var key = dismiss.closest("[data-kb-notice]").dataset.kbNotice;
          try { localStorage.setItem(DISMISSED + key, "1"); } catch (e) { /* storage disabled: this page only */ }
          dismiss.closest("[data-kb-notice]").dataset.kbDismissed = "1";
        }
        if (event.target.closest("[data-kb-notices-more]")) {
          bar.dataset.kbExpanded = bar.dataset.kbExpanded === "1" ? "" : "1";
        }
        if (dismiss || event.target.closest("[data-kb-notices-more]")) showNotices();
        // A keyboard user whose button just disappeared goes on from the next notice, not from the page top.
        if (dismiss) {
          var next = bar.querySelector("[data-kb-notice]:not([hidden]) [data-kb-dismiss]");
          if (next) next.focus();
        }
      });
    });
    showNotices();
  }

  // A page left open still shows a notice when it starts and drops it when it ends.
  setInterval(showNotices, 30000);

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

  // Printed, a FAQ page shows every answer; the questions the reader had closed close again after.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  // Contact hours (site/hours.py): the page says them in UTC; here they become the reader's own
  // time, in the page's language, after the pattern in data-kb-local ("{days} {opens}–{closes} (your
  // time, {zone})"). A day range shifts with the time zone (Mon–Fri 01:00 UTC is Sun–Thu in New York).
  function localHours() {
    var lang = document.documentElement.lang || undefined;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    var time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var weekday = new Intl.DateTimeFormat(lang, { weekday: "short" });
    var now = new Date();
    var monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) -
      ((now.getUTCDay() + 6) % 7) * 86400000;  // this week's Monday, 00:00 UTC
    function at(day, hhmm) {
      var parts = hhmm.split(":");
      return new Date(monday + (day - 1) * 86400000 + (parts[0] * 60 + Number(parts[1])) * 60000);
    }
    document.querySelectorAll("[data-kb-days][data-kb-local]").forEach(function (el) {
      var days = el.dataset.kbDays.split(",").map(Number);
      var opens = days.map(function (day) { return at(day, el.dataset.kbOpens); });
      var closes = at(days[0], el.dataset.kbCloses);
      if (closes < opens[0]) closes = new Date(closes.getTime() + 86400000);  // closes after midnight UTC
      var local = opens.map(function (date) { return date.getDay(); });
      var following = local.every(function (day, i) { return i === 0 || (day - local[i - 1] + 7) % 7 === 1; });
      var names = opens.map(function (date) { return weekday.format(date); });
      var dayText = names.length >= 3 && following ? names[0] + "–" + names[names.length - 1]
        : (Intl.ListFormat ? new Intl.ListFormat(lang, { type: "conjunction" }).format(names) : names.join(", "));
      if (!el.dataset.kbUtc) el.dataset.kbUtc = el.textContent;
      el.textContent = el.dataset.kbLocal.replace("{days}", dayText).replace("{opens}", time.format(opens[0]))
        .replace("{closes}", time.format(closes)).replace("{zone}", zone);
      el.title = el.dataset.kbUtc;
    });
  }

  function init() { setUpNotices(); setUpFeedback(); localHours(); }
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
    // A FAQ question opened (details toggle): the home page lists the questions readers open most.
    document.addEventListener("toggle", function (event) {
      var question = event.target.matches && event.target.matches("details.question[open]") ?
        event.target.querySelector(".kb-question[id]") : null;
      if (question) send({ type: "faq", lang: meta.dataset.kbLang, faq: question.id });
    }, true);
    document.addEventListener("kbgen:feedback", function (event) {
      var page = String(event.detail.page);
      send({ type: "feedback", lang: page.split(":")[0], page: page.slice(page.indexOf(":") + 1),
             helpful: !!event.detail.helpful });
    });
  }

  sendSignals();
})();
