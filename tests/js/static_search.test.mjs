// The static search (themes/default/static/search.js) over the files written by
// `cargo test --test static_search` gives, for every query, the top 5 of the tantivy index.
// Run with `node --test tests/js/` after `cargo test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const target = process.env.CARGO_TARGET_DIR || path.join(repo, "target");
const expectedFile = path.join(target, "static-search-expected.json");
const filesDir = path.join(target, "static-search");

// search.js in a context with a minimal window; files are read from disk and run there.
function engine(lang) {
  const context = vm.createContext({ atob, Blob, Response, DecompressionStream });
  context.window = context;
  const source = fs.readFileSync(path.join(repo, "themes/default/static/search.js"), "utf8");
  vm.runInContext(source, context, { filename: "search.js" });
  const load = (name) => {
    let data;
    const own = context.WSIS_SEARCH_LOAD;
    context.WSIS_SEARCH_LOAD = (n, d) => {
      assert.equal(n, name);
      data = d;
    };
    try {
      const file = path.join(filesDir, lang, name + ".js");
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    } finally {
      context.WSIS_SEARCH_LOAD = own;
    }
    return Promise.resolve(data);
  };
  return new context.WsisSearch.Engine(load);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

test("the static search gives tantivy's top 5 for every query", async () => {
  const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8"));
  assert.ok(expected.queries.length >= 30);
  const warm = { fr: engine("fr"), en: engine("en") };
  const cold = [];
  const hot = [];
  const failures = [];
  for (const { q, lang, doc, top } of expected.queries) {
    let t = performance.now();
    const e = engine(lang);
    const hits = await e.search(q, { doc: doc || "", limit: 5 });
    cold.push(performance.now() - t);
    t = performance.now();
    await warm[lang].search(q, { doc: doc || "", limit: 5 });
    hot.push(performance.now() - t);
    const got = hits.map((h) => `${h.doc}#${h.id}`);
    if (JSON.stringify(got) !== JSON.stringify(top)) {
      failures.push(`${lang} ${JSON.stringify(q)}${doc ? " in " + doc : ""}:\n  tantivy ${top.join(" ")}\n  static  ${got.join(" ")}`);
    }
  }
  cold.sort((a, b) => a - b);
  hot.sort((a, b) => a - b);
  const ms = (x) => x.toFixed(2) + " ms";
  console.log(
    `${expected.queries.length} queries; cold (files loaded): median ${ms(percentile(cold, 0.5))}, p95 ${ms(percentile(cold, 0.95))}; ` +
      `warm: median ${ms(percentile(hot, 0.5))}, p95 ${ms(percentile(hot, 0.95))}`,
  );
  assert.deepEqual(failures, [], `${failures.length} of ${expected.queries.length} differ:\n${failures.join("\n")}`);
});

test("a citation and a word load few files", async () => {
  const e = engine("fr");
  const hits = await e.search("§67", { limit: 10 });
  assert.equal(`${hits[0].doc}#${hits[0].id}`, "a-res-80-173#p67");
  assert.ok(hits[0].url.endsWith("a-res-80-173.html#p67"));
  const citation = e.loaded.slice();
  const w = engine("fr");
  const words = await w.search("cybersécurité", { limit: 10 });
  assert.ok(words.length > 0 && words[0].marks.length > 0, "the matched word is marked");
  console.log(`§67 loads ${citation.length} files (${citation.join(", ")}); cybersécurité loads ${w.loaded.length} (${w.loaded.join(", ")})`);
  // The manifest, the paragraph number's file, and the record files of the 10 results at most.
  assert.ok(citation.length <= 12, citation.join(", "));
  assert.ok(w.loaded.length <= 6, w.loaded.join(", "));
});

test("queries are read as src/search/query.rs reads them", () => {
  const context = vm.createContext({ atob, Blob, Response, DecompressionStream });
  context.window = context;
  vm.runInContext(fs.readFileSync(path.join(repo, "themes/default/static/search.js"), "utf8"), context);
  const manifest = { names: [["a/res/80/173", 0], ["c26/93", 1], ["e/2026/48", 2], ["a/81/62", 2]] };
  const p = (q) => {
    const x = context.WsisSearch.parse(q, manifest);
    return [x.doc, x.number, x.words];
  };
  assert.deepEqual(p("§67"), [null, "67", ""]);
  assert.deepEqual(p("67"), [null, "67", ""]);
  assert.deepEqual(p("80/173 67"), [0, "67", ""]);
  assert.deepEqual(p("a/res/80/173, par. 113"), [0, "113", ""]);
  assert.deepEqual(p("C26/93"), [1, null, ""]);
  assert.deepEqual(p("E/2026/48 §5"), [2, "5", ""]);
  assert.deepEqual(p("objectifs 2030"), [null, null, "objectifs 2030"]);
  assert.deepEqual(p("§ 67 financement"), [null, "67", "financement"]);
});
