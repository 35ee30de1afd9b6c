/* kbgen search: Pagefind's index, kbgen's query handling and results (see kbgen/site/search.py).

   - Any input searches: typing, paste, autofill, voice. While an input method
     composes (Japanese, Chinese, Korean IME) nothing is searched; the composed
     text is, on compositionend.
   - A question finds the page that matches most of its meaningful words:
     the query is split into words (Intl.Segmenter, which also segments
     Chinese, Japanese and Thai), each word is searched on its own and a page
     scores the sum over the words it holds, each weighted by its rarity in
     the index. Pagefind alone returns only pages holding every word.
   - In alphabetic scripts a word that matches nothing is corrected to the
     nearest word of the language's vocabulary (edit distance), built from
     the index at build time.
   - FAQ pages and the glossary answer with the question or term that
     matches: each is its own result, linking to its anchor.
   - Arrow keys move through the results; no result shows the most read
     articles and the way to contact support.
*/
(function () {
  "use strict";
  var engines = {};
  var vocabularies = {};
  var KIND_WEIGHT = { article: 1, faq: 1, glossary: 0.6, contact: 0.5 };
  var MAX_WORDS = 10;
  var CANDIDATES = 12;
  var SHOWN = 8;
  var STOP_WEIGHT = 0.15;
  var STEM_WEIGHT = 0.6;
  var SIGNAL_SETTLE_MS = 1500;  // a search is counted once the reader stops typing  // a page that holds only the start of a word matches it less
  var SATURATION = 6;  // a Pagefind score at which a word counts half: about one match in a heading

  function engine(bundle) {
    bundle = new URL(bundle, location.href).href;  // import() would resolve it against this script's URL
    if (!engines[bundle]) {
      var base = new URL(bundle + "../").pathname;
      engines[bundle] = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: base, excerptLength: 24 })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
    }
    return engines[bundle];
  }

  function vocabulary(url) {
    if (!vocabularies[url]) {
      vocabularies[url] = fetch(url)
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; })
        .then(function (data) { return data || { pages: 0, words: {} }; });
    }
    return vocabularies[url];
  }

  // ------------------------------------------------------------ query words

  function queryWords(query, lang) {
    var found = [];
    if (window.Intl && Intl.Segmenter) {
      var segments = new Intl.Segmenter(lang, { granularity: "word" }).segment(query);
      for (var part of segments) if (part.isWordLike) found.push(part.segment.toLocaleLowerCase(lang));
    } else {
      found = query.toLocaleLowerCase(lang).split(/[\s\p{P}]+/u);
    }
    found = found.filter(function (word, i) { return word && found.indexOf(word) === i; });
    // Words written in hiragana alone are Japanese particles and inflections: they say nothing about the subject.
    var meaningful = found.filter(function (word) { return !/^[\u3040-\u309f\u30fc]+$/.test(word); });
    return (meaningful.length ? meaningful : found).slice(0, MAX_WORDS);
  }

  // Damerau-Levenshtein distance (adjacent transpositions count as one edit), stopping past `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) { rows.push([i]); }
    for (var j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = limit + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
        rows[i][j] = value;
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  // The vocabulary word nearest to a word that matched nothing: one edit for short words, two for long ones;
  // among equals, the one on most pages.
  function correct(word, words) {
    if (!/^\p{L}{4,}$/u.test(word)) return null;
    var limit = word.length >= 8 ? 2 : 1;
    var best = null, bestDistance = limit + 1, bestPages = 0;
    for (var candidate in words) {
      var d = distance(word, candidate, limit);
      if (d < bestDistance || (d === bestDistance && d <= limit && words[candidate] > bestPages)) {
        best = candidate; bestDistance = d; bestPages = words[candidate];
      }
    }
    return bestDistance <= limit ? best : null;
  }

  // ------------------------------------------------------------ ranking

  function rarity(pagesWithWord, pages) {
    var n = Math.max(pages, pagesWithWord);
    return Math.log(1 + (n - pagesWithWord + 0.5) / (pagesWithWord + 0.5));
  }

  // Pagefind indexes some Chinese text character by character, while the browser segments a query
  // into words (余额): a Han word also matches the pages holding each of its characters.
  // The start of an inflected word, for languages Pagefind has no stemmer for (Ukrainian, Korean ...):
  // Pagefind matches it as a prefix. Korean particles and endings are the last syllables.
  function stem(word) {
    var chars = Array.from(word);
    if (/^\p{Script=Hangul}+$/u.test(word)) return chars.length >= 3 ? chars.slice(0, Math.max(2, chars.length - 2)).join("") : null;
    if (!/^\p{L}+$/u.test(word) || chars.length < 6) return null;
    return chars.slice(0, Math.max(5, Math.ceil(chars.length * 0.7))).join("");
  }

  function merge(found, more, factor) {
    var byId = {};
    found.results.forEach(function (r) { byId[r.id] = r; });
    more.results.forEach(function (r) {
      // Pagefind frees a result's data once the result object is collected (its search runs in a
      // worker): the copy calls through the original, which keeps it reachable. A copy of `r.data`
      // alone let a later garbage collection turn the page's data into null.
      if (!byId[r.id]) byId[r.id] = { id: r.id, score: r.score * factor, data: function () { return r.data(); } };
    });
    return { results: Object.values(byId).sort(function (a, b) { return b.score - a.score; }) };
  }

  // The word without what is written onto it: a French or Italian elided article or preposition
  // (l'autenticatore, d'essais, un'altra, dell'indirizzo) and an Arabic one-letter proclitic
  // (لمحفظة "for a wallet": و ف ب ل ك). Pagefind indexes "l'autenticatore" as one word, so the page
  // that says "autenticatore" is found only by the bare word. Pagefind's Arabic stemmer already
  // removes the article ال, not these.
  function bare(word) {
    var elided = /^(\p{L}{1,4})['’](\p{L}{3,})$/u.exec(word);
    if (elided) return elided[2];
    if (/^[وفبلك]\p{Script=Arabic}{4,}$/u.test(word) && !/^لل|^ال/u.test(word.slice(1))) return word.slice(1);
    return null;
  }

  async function searchWord(pagefind, word) {
    var found = await pagefind.search(word);
    var base = bare(word);
    if (base) found = merge(await pagefind.search(base), found, 1);
    var start = stem(word);
    if (start) found = merge(found, await pagefind.search(start), STEM_WEIGHT);
    var chars = Array.from(word);
    if (chars.length < 2 || !/^\p{Script=Han}+$/u.test(word)) return found;
    var each = await Promise.all(chars.map(function (c) { return pagefind.search(c); }));
    var byId = {};
    found.results.forEach(function (r) { byId[r.id] = r; });
    var counts = {}, lowest = {};
    each.forEach(function (search) {
      search.results.forEach(function (r) {
        counts[r.id] = (counts[r.id] || 0) + 1;
        if (!lowest[r.id] || r.score < lowest[r.id].score) lowest[r.id] = r;
      });
    });
    Object.keys(counts).forEach(function (id) {
      if (counts[id] === chars.length && !byId[id]) byId[id] = lowest[id];
    });
    return { results: Object.values(byId).sort(function (a, b) { return b.score - a.score; }) };
  }

  // A word of five letters or more that no page holds, nor starts, is a typo when a page word is near it.
  // Shorter words are left alone: one edit away from a four-letter word is usually another word
  // (Arabic أقدر "I can" and أقدم "I submit"), not a misspelling.
  function typo(word, words) {
    if (!/^\p{L}{5,}$/u.test(word) || words[word]) return null;
    for (var known in words) if (known.lastIndexOf(word, 0) === 0) return null;
    return correct(word, words);
  }

  async function searchWords(pagefind, words, vocab, typos, stops) {
    var corrected = false;
    if (typos) {
      words.forEach(function (word, i) {
        if (stops[i]) return;  // a stop word is a word, not a typo ("wollen" is not "vollen")
        var fix = typo(word, vocab.words);
        if (fix) { words[i] = fix; corrected = true; }
      });
    }
    var searches = await Promise.all(words.map(function (word) { return searchWord(pagefind, word); }));
    return { searches: searches, corrected: corrected };
  }

  // Which query words are stop words, also where the browser split one into pieces:
  // Chromium segments 怎么办 ("what to do") as 怎么 + 办, and the rare 办 would outweigh the subject.
  function stopWords(words, list) {
    var stop = {};
    list.forEach(function (word) { stop[word] = true; });
    var flags = words.map(function (word) { return !!stop[word]; });
    for (var i = 0; i < words.length; i++) {
      for (var n = 2; n <= 3 && i + n <= words.length; n++) {
        var run = words.slice(i, i + n);
        if (stop[run.join("")] || stop[run.join(" ")]) for (var k = i; k < i + n; k++) flags[k] = true;
      }
    }
    return flags;
  }

  async function rank(pagefind, vocab, query, lang, typos) {
    var words = queryWords(query, lang);
    var stops = stopWords(words, vocab.stop || []);
    var found = await searchWords(pagefind, words, vocab, typos, stops);
    var pages = {};
    found.searches.forEach(function (search, w) {
      var results = search.results;
      if (!results.length) return;
      // Rarer words weigh more; stop words ("what", "怎么办") little. How well a page matches a word
      // (in its title, keywords or body: Pagefind's score) saturates, so matching more of the
      // query's words counts more than matching one word strongly.
      var weight = rarity(results.length, vocab.pages) * (stops[w] ? STOP_WEIGHT : 1);
      results.forEach(function (result) {
        var page = pages[result.id] || (pages[result.id] = { score: 0, hits: [] });
        var part = weight * result.score / (result.score + SATURATION);
        page.score += part;
        page.hits.push({ word: words[w], weight: weight, part: part, result: result });
      });
    });
    var candidates = Object.values(pages).sort(function (a, b) { return b.score - a.score; }).slice(0, CANDIDATES);
    var shown = [];
    await Promise.all(candidates.map(async function (page) {
      page.hits.sort(function (a, b) { return b.part - a.part; });
      var data = await page.hits[0].result.data();
      var kind = (data.meta && data.meta.kind) || "article";
      var factor = KIND_WEIGHT[kind] || 1;
      if (kind === "faq" || kind === "glossary") {
        (await sections(page, data)).forEach(function (section) {
          shown.push({ score: section.score * factor, title: section.title, url: section.url,
                       excerpt: section.excerpt, where: data.meta.title });
        });
      } else {
        shown.push({ score: page.score * factor, title: data.meta.title, url: data.url, excerpt: data.plain_excerpt });
      }
    }));
    shown.sort(function (a, b) { return b.score - a.score || (a.url < b.url ? -1 : 1); });
    return { results: shown.slice(0, SHOWN), words: words, corrected: found.corrected };
  }

  // A FAQ page's questions (a glossary's terms) that hold query words, each scored by the words it holds.
  async function sections(page, firstData) {
    var byUrl = {};
    var datas = await Promise.all(page.hits.map(function (hit, i) { return i ? hit.result.data() : firstData; }));
    datas.forEach(function (data, i) {
      var hit = page.hits[i];
      // A word counts fully in the question that holds it most (weight of its places), less in the others.
      var subs = (data.sub_results || []).filter(function (sub) { return sub.anchor && /^h\d$/i.test(sub.anchor.element); });
      var strength = subs.map(function (sub) {
        return (sub.weighted_locations || []).reduce(function (sum, l) { return sum + (l.weight || 1); }, 0) || 1;
      });
      var strongest = Math.max.apply(null, strength.concat([1]));
      subs.forEach(function (sub, k) {
        var part = hit.part * strength[k] / strongest;
        var section = byUrl[sub.url] || (byUrl[sub.url] = { score: 0, title: sub.title, url: sub.url, excerpt: "", best: 0 });
        section.score += part;
        if (part > section.best) { section.best = part; section.excerpt = sub.plain_excerpt; }
      });
    });
    var found = Object.values(byUrl).sort(function (a, b) { return b.score - a.score; });
    return found.slice(0, 2).filter(function (section, i) { return i === 0 || section.score >= found[0].score * 0.5; });
  }

  // ------------------------------------------------------------ rendering

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The text with the query's words marked; the text is escaped piece by piece, so no markup gets in.
  function highlight(text, words) {
    text = text || "";
    var parts = words.filter(function (w) { return w.length > 1 || /[\u3040-\u9fff\uac00-\ud7af]/.test(w); })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!parts.length) return escapeHtml(text);
    var pattern = new RegExp(parts.join("|"), "giu");
    var html = "", last = 0, match;
    while ((match = pattern.exec(text))) {
      html += escapeHtml(text.slice(last, match.index)) + "<mark>" + escapeHtml(match[0]) + "</mark>";
      last = match.index + match[0].length;
    }
    return html + escapeHtml(text.slice(last));
  }

  function render(box, found, query) {
    var list = box.querySelector(".kb-search__results");
    var status = box.querySelector(".kb-search__status");
    var fallback = box.querySelector("[data-kb-fallback]");
    var input = box.querySelector("input");
    list.innerHTML = found.results.map(function (result, i) {
      return '<li class="kb-result" data-kb-result id="kb-result-' + i + '">' +
        '<a data-kb-result-link href="' + escapeHtml(result.url) + '">' +
        '<span class="kb-result__title">' + highlight(result.title, found.words) + "</span>" +
        (result.where ? '<span class="kb-result__where">' + escapeHtml(result.where) + "</span>" : "") +
        '<span class="kb-result__excerpt">' + highlight(result.excerpt, found.words) + "</span></a></li>";
    }).join("");
    list.dataset.kbQuery = query;
    status.textContent = found.corrected && found.results.length
      ? status.dataset.kbCorrected + " " + found.words.join(" ") : "";
    fallback.hidden = !!found.results.length || !query;
    box.dispatchEvent(new CustomEvent("kbgen:search", { bubbles: true, detail: {
      query: query, results: found.results.length, language: box.dataset.kbLang } }));
  }

  function clear(box) {
    box.querySelector(".kb-search__results").innerHTML = "";
    box.querySelector(".kb-search__status").textContent = "";
    box.querySelector("[data-kb-fallback]").hidden = true;
  }

  // ------------------------------------------------------------ behaviour

  function setUp(box) {
    if (box.dataset.kbReady) return;
    box.dataset.kbReady = "1";
    var input = box.querySelector("input");
    var lang = box.dataset.kbLang || document.documentElement.lang;
    var typos = box.hasAttribute("data-kb-typos");
    var latest = 0;
    var timer = null;
    var ready = null;

    function load() {
      if (!ready) ready = Promise.all([engine(box.dataset.kbBundle), vocabulary(box.dataset.kbVocabulary)]);
      return ready;
    }

    async function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { clear(box); return; }
      var loaded = await load();
      var found = await rank(loaded[0], loaded[1], query, lang, typos);
      if (ticket === latest) render(box, found, query);
    }

    function schedule(event) {
      if (event && event.isComposing) return;  // an input method is still composing
      clearTimeout(timer);
      var immediate = event && event.inputType && event.inputType !== "insertText" && event.inputType.indexOf("delete") !== 0;
      timer = setTimeout(run, immediate ? 0 : 60);
    }

    input.addEventListener("input", schedule);
    input.addEventListener("compositionend", function () { schedule(null); });
    input.addEventListener("focus", load, { once: true });
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = box.querySelector("[data-kb-result-link]");
      if (first && input.value.trim() === box.querySelector(".kb-search__results").dataset.kbQuery) first.click();
      else schedule(null);
    });
    box.addEventListener("keydown", function (event) { navigate(box, event); });

    var query = new URLSearchParams(location.search).get("q");
    if (query && !input.value) { input.value = query; schedule(null); }
    if (box.hasAttribute("data-kb-autofocus")) input.focus();
  }

  // Arrow keys move between the input and the results; Escape clears.
  function navigate(box, event) {
    var links = Array.prototype.slice.call(box.querySelectorAll("[data-kb-result-link]"));
    var input = box.querySelector("input");
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus(); else links[at - 1].focus();
    } else if (event.key === "Escape") {
      input.value = "";
      clear(box);
      input.focus();
    }
  }

  // A link to a FAQ question opens its answer.
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.closest("details");
    if (details) details.open = true;
  }

  function init() {
    document.querySelectorAll("[data-kb-search]").forEach(setUp);
    openTarget();
  }

  // For pages and tests that search without the box: kbgenSearch.search("query") -> [{title, url, excerpt}].
  window.kbgenSearch = {
    search: async function (query) {
      var box = document.querySelector("[data-kb-search]");
      var loaded = await Promise.all([engine(box.dataset.kbBundle), vocabulary(box.dataset.kbVocabulary)]);
      return rank(loaded[0], loaded[1], query, box.dataset.kbLang || document.documentElement.lang,
                  box.hasAttribute("data-kb-typos"));
    }
  };

  window.addEventListener("hashchange", openTarget);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
