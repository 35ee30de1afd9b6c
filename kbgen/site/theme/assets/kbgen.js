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
