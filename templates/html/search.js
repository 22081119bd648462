/* sopdoc offline search. Reads window.SOPDOC_INDEX (set by <lang>/search-index.js):
   {docs: [[id, title]], sections: [[doc, number, title, url, text]],
    terms: {token: [section, weight, section, weight, ...]}}.
   Without JavaScript the search form stays hidden; the contents pages still work. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var index = window.SOPDOC_INDEX;
  if (!form || !index) { return; }
  var input = form.querySelector("input");
  var box = form.querySelector(".search-results");
  var base = form.getAttribute("data-base") || "";
  var noResults = form.getAttribute("data-no-results") || "No results";
  var keys = Object.keys(index.terms);
  form.hidden = false;

  /* Same folding as the index: NFD, drop combining marks, lower case, ligatures. */
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }
  function tokens(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (t) {
      return t.length >= 2 || /^[0-9]+$/.test(t);
    });
  }
  function postings(token, prefix) {
    var out = {};
    var add = function (list) {
      for (var i = 0; i < list.length; i += 2) {
        out[list[i]] = (out[list[i]] || 0) + list[i + 1];
      }
    };
    if (prefix) {
      keys.forEach(function (k) { if (k.indexOf(token) === 0) { add(index.terms[k]); } });
    } else if (index.terms[token]) {
      add(index.terms[token]);
    }
    return out;
  }
  function search(query) {
    var words = tokens(query);
    if (!words.length) { return []; }
    var scores = null;
    words.forEach(function (w, i) {
      var p = postings(w, i === words.length - 1);
      if (scores === null) { scores = p; return; }
      var next = {};
      Object.keys(scores).forEach(function (s) { if (p[s]) { next[s] = scores[s] + p[s]; } });
      scores = next;
    });
    return Object.keys(scores).map(Number).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    }).slice(0, 20).map(function (s) { return { section: index.sections[s], words: words }; });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  /* A snippet of the text around the first word found, with the words marked. */
  function snippet(text, words) {
    var folded = fold(text);
    var at = -1;
    words.forEach(function (w) { var i = folded.indexOf(w); if (i >= 0 && (at < 0 || i < at)) { at = i; } });
    var start = Math.max(0, at - 60);
    var part = (start > 0 ? "…" : "") + text.slice(start, start + 180) + (start + 180 < text.length ? "…" : "");
    var span = el("span", "sr-snippet");
    var foldedPart = fold(part);
    var pos = 0;
    var re = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g");
    var m;
    while ((m = re.exec(foldedPart)) !== null && foldedPart.length === part.length) {
      if (m[0].length === 0) { break; }
      span.appendChild(document.createTextNode(part.slice(pos, m.index)));
      span.appendChild(el("mark", null, part.slice(m.index, m.index + m[0].length)));
      pos = m.index + m[0].length;
    }
    span.appendChild(document.createTextNode(part.slice(pos)));
    return span;
  }
  function show(results, query) {
    box.textContent = "";
    if (!query.trim()) { box.hidden = true; return; }
    box.hidden = false;
    if (!results.length) { box.appendChild(el("p", null, noResults)); return; }
    var list = el("ol");
    results.forEach(function (r) {
      var s = r.section;
      var a = el("a");
      a.href = base + s[3];
      var title = el("span", "sr-title", (s[1] ? s[1] + " " : "") + s[2]);
      a.appendChild(title);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(el("span", "sr-doc", index.docs[s[0]][1]));
      a.appendChild(snippet(s[4], r.words));
      var li = el("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
  }
  input.addEventListener("input", function () { show(search(input.value), input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; show([], ""); }
    if (e.key === "Enter") {
      var first = box.querySelector("a");
      if (first) { window.location.href = first.href; }
    }
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) { box.hidden = true; }
  });
  /* A query in the address (`?q=…`) runs at once, so a search can be bookmarked. */
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; show(search(q), q); }
  input.addEventListener("focus", function () { if (input.value.trim()) { box.hidden = false; } });
})();
