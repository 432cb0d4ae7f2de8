/* Search over the static, sharded index oped/search.py writes to search/ of each variant.
 *
 * A query is folded to Simplified forms (the same 1:1 table as the index), cut into bigrams and
 * words; only the shards holding those terms and the texts of the articles shown are downloaded.
 * Articles containing the exact phrase rank first (title, then authors, summary, text).
 */
(function () {
  "use strict";
  var form = document.querySelector("form[name=oped-search]");
  if (!form) return;
  var input = form.querySelector("input");
  var toggle = document.getElementById("__search");
  var output = document.querySelector("[data-oped-search-result]");
  var meta = output.querySelector(".md-search-result__meta");
  var list = output.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var t = config.translations;
  var SHOWN = 10;
  var cache = {};
  var foldTable = null;
  var info = null;
  var latest = 0;

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL("search/" + path, root)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  function ready() {
    return Promise.all([get("meta.json"), get("fold.json")]).then(function (both) {
      info = both[0];
      if (!foldTable) {
        foldTable = {};
        for (var i = 0; i + 1 < both[1].length; i += 2) foldTable[both[1][i]] = both[1][i + 1];
      }
    });
  }

  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i], code = text.charCodeAt(i);
      if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
      out += (foldTable[c] || c).toLowerCase();
    }
    return out;
  }

  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g, WORD = /[0-9a-z]+/g;
  function tokens(folded) {
    var found = [], runs = folded.match(HAN) || [];
    runs.forEach(function (run) {
      if (run.length === 1) found.push(run);
      for (var i = 0; i + 1 < run.length; i++) found.push(run.substr(i, 2));
    });
    return found.concat(folded.match(WORD) || []);
  }

  function shardOf(token) {
    var v = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      v ^= token.charCodeAt(i);
      v = Math.imul(v, 0x01000193) >>> 0;
    }
    return v % info.shards;
  }

  function postings(token) {
    return get("s/" + shardOf(token) + ".json").then(function (shard) {
      var flat = shard[token] || [], docs = {}, doc = 0;
      for (var i = 0; i + 1 < flat.length; i += 2) {
        doc += flat[i];
        docs[doc] = flat[i + 1];
      }
      return docs;
    });
  }

  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at >= 0) { n++; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  /* Mark every place where one of the words occurs; folding keeps positions, so the original
     text is cut where the folded one matched. */
  function highlight(text, words) {
    var folded = fold(text), marks = [];
    words.forEach(function (w) {
      var at = folded.indexOf(w);
      while (at >= 0 && w) { marks.push([at, at + w.length]); at = folded.indexOf(w, at + w.length); }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var html = "", pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      html += escapeHtml(text.slice(pos, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    return html + escapeHtml(text.slice(pos));
  }

  function passage(doc, words, terms) {
    var blocks = [doc.s].concat(doc.b), best = null, bestScore = -1;
    blocks.forEach(function (block) {
      var f = fold(block), score = 0;
      words.forEach(function (w) { if (f.indexOf(w) >= 0) score += 100; });
      terms.forEach(function (w) { if (f.indexOf(w) >= 0) score += 1; });
      if (score > bestScore) { best = block; bestScore = score; }
    });
    var f = fold(best), at = -1;
    words.concat(terms).some(function (w) { at = f.indexOf(w); return at >= 0; });
    var start = Math.max(0, at - 30), end = Math.min(best.length, start + 120);
    var text = (start > 0 ? "…" : "") + best.slice(start, end) + (end < best.length ? "…" : "");
    var shown = words.filter(function (w) { return fold(text).indexOf(w) >= 0; });
    return highlight(text, shown.length ? shown : terms);
  }

  function render(query, results, total) {
    if (query !== input.value) return;
    output.setAttribute("data-oped-query", query);
    list.innerHTML = "";
    meta.textContent = total === 0 ? t["search.result.none"]
      : total === 1 ? t["search.result.one"] : t["search.result.other"].replace("#", total);
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      li.innerHTML = '<a class="md-search-result__link"><article class="md-search-result__article md-typeset">' +
        '<div class="md-search-result__icon md-icon"></div><h1></h1><p class="oped-search-authors"></p><p></p></article></a>';
      li.querySelector("a").href = new URL(r.doc.u, root).href;
      li.querySelector("h1").innerHTML = highlight(r.doc.t, r.words);
      li.querySelector(".oped-search-authors").innerHTML = highlight(r.doc.a, r.words);
      li.querySelector("p:last-child").innerHTML = passage(r.doc, r.words, r.terms);
      list.appendChild(li);
    });
  }

  function search(query) {
    var mine = ++latest;
    var folded = fold(query);
    var words = folded.split(/[\s\u3000,，、。.;；:：!！?？"“”'‘’()（）]+/).filter(function (w) { return tokens(w).length; });
    if (!words.length) { list.innerHTML = ""; meta.textContent = t["search.result.placeholder"]; return Promise.resolve(); }
    var perWord = words.map(function (w) { return tokens(w); });
    var terms = [].concat.apply([], perWord).filter(function (x, i, all) { return all.indexOf(x) === i; });
    return Promise.all(terms.map(postings)).then(function (lists) {
      var byTerm = {};
      terms.forEach(function (term, i) { byTerm[term] = lists[i]; });
      var scores = {};
      perWord.forEach(function (wordTerms) {
        wordTerms.forEach(function (term) {
          var docs = byTerm[term], df = Object.keys(docs).length;
          if (!df) return;
          var idf = Math.log(1 + info.docs / df);
          Object.keys(docs).forEach(function (d) {
            var s = scores[d] || (scores[d] = { doc: +d, score: 0, hits: 0 });
            s.score += idf * Math.log(1 + docs[d]);
            s.hits += 1 / wordTerms.length / perWord.length;
          });
        });
      });
      var ranked = Object.keys(scores).map(function (d) { return scores[d]; });
      ranked.sort(function (a, b) { return b.hits - a.hits || b.score - a.score || a.doc - b.doc; });
      var total = ranked.filter(function (r) { return r.hits > 0.999; }).length || ranked.length;
      var top = ranked.slice(0, SHOWN);
      return Promise.all(top.map(function (r) { return get("d/" + r.doc + ".json"); })).then(function (docs) {
        if (mine !== latest) return;
        var results = top.map(function (r, i) {
          var doc = docs[i], fields = [fold(doc.t), fold(doc.a), fold(doc.s), fold(doc.b.join("\n"))];
          var phrases = 0, phraseScore = 0;
          words.forEach(function (w) {
            var found = false;
            [1000, 800, 300].forEach(function (weight, f) { if (fields[f].indexOf(w) >= 0) { phraseScore += weight; found = true; } });
            var inBody = count(fields[3], w);
            if (inBody) { phraseScore += 100 + 10 * Math.min(inBody, 10); found = true; }
            if (found) phrases++;
          });
          return { doc: doc, words: words, terms: terms, phrases: phrases, phraseScore: phraseScore, hits: r.hits, score: r.score };
        });
        results.sort(function (a, b) {
          return b.phrases - a.phrases || b.phraseScore - a.phraseScore || b.hits - a.hits || b.score - a.score;
        });
        render(query, results, total);
      });
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value;
    timer = setTimeout(function () {
      window.__opedSearch = { query: query, started: performance.now() };
      ready().then(function () { return search(query); }).then(function () {
        if (window.__opedSearch && window.__opedSearch.query === query) window.__opedSearch.done = performance.now();
      }).catch(function (error) {
        meta.textContent = t["search.result.none"];
        console.error(error);
      });
    }, 120);
  });
  input.addEventListener("focus", function () { toggle.checked = true; ready(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");  // Enter opens the best result
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { list.innerHTML = ""; meta.textContent = t["search.result.placeholder"]; });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
    if ((event.key === "/" || event.key === "s") && !toggle.checked && document.activeElement.tagName !== "INPUT") {
      event.preventDefault(); toggle.checked = true; input.focus();
    }
  });
  var query = new URL(location.href).searchParams.get("q");
  if (query) { input.value = query; toggle.checked = true; input.dispatchEvent(new Event("input")); }
})();
