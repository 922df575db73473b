// book/html/search.js: the search box on every page of the HTML edition.
// It works offline, from the disk as well as from a server: on first use it
// loads lunr (Debian's libjs-lunr, copied beside the pages) and the index
// that `make html` built (search-index.js, see book/html/search-index.js),
// both as scripts.  Results are the chapters' sections, chunks and
// identifiers whose words begin with what was typed.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var out = document.getElementById("search-results");
  if (!box || !out) return;
  var index = null, docs = null, waiting = [], loading = false;
  var separator = /[^\p{L}\p{N}]+/u;   // as in search-index.js

  function script(src, then) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = then;
    document.head.appendChild(s);
  }
  function ready(then) {
    if (index) return then();
    waiting.push(then);
    if (loading) return;
    loading = true;
    script("lunr.min.js", function () {
      script("search-index.js", function () {
        lunr.tokenizer.separator = separator;
        index = lunr.Index.load(window.drongoSearch.index);
        docs = window.drongoSearch.docs;
        waiting.splice(0).forEach(function (f) { f(); });
      });
    });
  }

  function hits(q) {
    var terms = q.toLowerCase().split(separator).filter(Boolean);
    if (terms.length === 0) return [];
    return index.query(function (query) {
      terms.forEach(function (t) {
        query.term(t, { boost: 10 });
        query.term(t, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      });
    });
  }

  function show() {
    var q = box.value.trim();
    if (q === "") { out.hidden = true; out.textContent = ""; return; }
    ready(function () {
      if (box.value.trim() !== q) return;
      var found = hits(q), list = document.createElement("ol");
      found.slice(0, 50).forEach(function (h) {
        var d = docs[h.ref] || [h.ref, ""];
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = h.ref;
        a.textContent = d[0];
        var where = document.createElement("span");
        where.className = "where";
        where.textContent = d[1];
        li.appendChild(a);
        li.appendChild(where);
        list.appendChild(li);
      });
      out.textContent = "";
      var head = document.createElement("p");
      head.className = "count";
      head.textContent = found.length === 0 ? "Nothing found." :
        found.length + (found.length === 1 ? " place" : " places") +
        (found.length > 50 ? ", the first 50:" : ":");
      out.appendChild(head);
      out.appendChild(list);
      out.hidden = false;
    });
  }

  box.addEventListener("input", show);
  box.addEventListener("focus", function () { ready(function () {}); });
  box.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { box.value = ""; show(); }
    if (e.key === "Enter") {
      e.preventDefault();
      var first = out.querySelector("a");
      if (first) location.href = first.href;
    }
  });
  document.addEventListener("click", function (e) {
    if (!out.contains(e.target) && e.target !== box) out.hidden = true;
  });
})();
