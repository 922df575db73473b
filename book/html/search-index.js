// book/html/search-index.js: the search index of the HTML edition, built
// once by `make html` with Debian's lunr (libjs-lunr) under node.
//
//   node book/html/search-index.js LUNR_JS OUT_JS DOCS.jsonl...
//
// Each line of the DOCS files is a document {id, title, where, body}:
// book/nwpandoc.c writes one per chunk and per identifier, and
// book/html/chunks.lua one per heading of every chapter, with its prose.
// OUT_JS sets window.drongoSearch = {docs: {id: [title, where]}, index},
// a script (not JSON) so that a page opened from the disk can load it.
// book/html/search.js must split words the same way (the separator).
"use strict";
const fs = require("fs");
const [lunrPath, out, ...inputs] = process.argv.slice(2);
const lunr = require(lunrPath);

// Words are runs of letters and digits: sys_sendfile is "sys" "sendfile".
lunr.tokenizer.separator = /[^\p{L}\p{N}]+/u;

const docs = [];
for (const f of inputs)
  for (const line of fs.readFileSync(f, "utf8").split("\n"))
    if (line.trim() !== "") docs.push(JSON.parse(line));

const index = lunr(function () {
  this.ref("id");
  this.field("title", { boost: 10 });
  this.field("body");
  for (const d of docs) this.add(d);
});

const meta = {};
for (const d of docs) meta[d.id] = [d.title, d.where];
fs.writeFileSync(out, "window.drongoSearch = " +
  JSON.stringify({ docs: meta, index: index }) + ";\n");
console.log("search: " + docs.length + " documents in " + out);
