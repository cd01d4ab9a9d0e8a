// The search page with a search service (`data-search-api`, from `search.api` in wsis.yaml):
// themes/default/static/search.js runs in a small fake DOM, sends its queries to a mock
// Quickwit server on 127.0.0.1, shows the hits, and falls back to the static index (the files
// written by `cargo test --test static_search`) when the service fails.
// Run with `node --test tests/js/` after `cargo test`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const target = process.env.CARGO_TARGET_DIR || path.join(repo, "target");
const filesDir = path.join(target, "static-search");
const source = fs.readFileSync(path.join(repo, "themes/default/static/search.js"), "utf8");
const INDEX_PATH = "/api/v1/wsis-paragraphs/search";

// ---- A fake DOM: what search.js touches, no more ----------------------------------------

class Node {
  constructor(tag) {
    this.tagName = tag;
    this.children = [];
    this.attributes = {};
    this.listeners = {};
    this.parentNode = null;
    this.ownText = "";
  }
  appendChild(child) {
    child.parentNode = this;
    this.children.push(child);
    if (this.onAppend) this.onAppend(child);
    return child;
  }
  removeChild(child) {
    this.children = this.children.filter((c) => c !== child);
    child.parentNode = null;
    return child;
  }
  get firstChild() {
    return this.children[0] || null;
  }
  get textContent() {
    return this.ownText + this.children.map((c) => c.textContent).join("");
  }
  set textContent(value) {
    this.children = [];
    this.ownText = String(value);
  }
  getAttribute(name) {
    return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null;
  }
  hasAttribute(name) {
    return this.getAttribute(name) !== null;
  }
  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }
  addEventListener(type, fn) {
    (this.listeners[type] = this.listeners[type] || []).push(fn);
  }
  all() {
    return this.children.flatMap((c) => (c instanceof Node ? [c, ...c.all()] : []));
  }
  querySelectorAll(selector) {
    const [tag, cls] = selector.split(".");
    return this.all().filter(
      (n) => n.tagName === tag && (!cls || (n.className || "").split(" ").includes(cls)),
    );
  }
  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
}

class Text {
  constructor(text) {
    this.textContent = text;
  }
}

// A search page as templates/search.html writes it, at `href`, with `attributes` on #search.
function page(href, attributes) {
  const ids = {};
  const make = (tag, id) => {
    const n = new Node(tag);
    if (id) {
      n.id = id;
      ids[id] = n;
    }
    return n;
  };
  const search = make("div", "search");
  Object.entries(attributes).forEach(([k, v]) => search.setAttribute(k, v));
  const form = search.appendChild(make("form"));
  const input = form.appendChild(make("input", "search-q"));
  input.value = "";
  const select = form.appendChild(make("select", "search-doc"));
  select.value = "";
  search.appendChild(make("p", "search-status"));
  search.appendChild(make("ol", "search-results"));
  const head = new Node("head");
  const document = {
    readyState: "complete",
    head,
    documentElement: { lang: attributes["data-lang"] },
    activeElement: null,
    getElementById: (id) => ids[id] || null,
    createElement: (tag) => new Node(tag),
    createTextNode: (text) => new Text(text),
    addEventListener() {},
  };
  return { document, ids, head, location: new URL(href) };
}

// Runs search.js on a page; `fetch` is node's (or a spy around it). Script tags the static
// search adds to the head are run from the files on disk, as a browser would.
function open(href, attributes, fetchImpl = fetch) {
  const p = page(href, attributes);
  const context = vm.createContext({
    atob, Blob, Response, DecompressionStream, URL, URLSearchParams, AbortController,
    setTimeout, clearTimeout, console,
    fetch: fetchImpl,
    document: p.document,
    location: p.location,
    history: { replaceState() {} },
  });
  context.window = context;
  p.loaded = [];
  p.head.onAppend = (script) => {
    setImmediate(() => {
      try {
        const file = script.src;
        p.loaded.push(path.basename(file));
        vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
        script.onload && script.onload();
      } catch (e) {
        script.onerror && script.onerror(e);
      }
    });
  };
  vm.runInContext(source, context, { filename: "search.js" });
  p.context = context;
  return p;
}

// Resolves when the status is no longer the loading message.
async function settled(p) {
  const status = p.ids["search-status"];
  const loading = p.ids.search.getAttribute("data-loading");
  for (let i = 0; i < 500; i++) {
    if (status.textContent && status.textContent !== loading) return status.textContent;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("the search did not finish: " + status.textContent);
}

function results(p) {
  return p.ids["search-results"].children.map((li) => {
    const link = li.children[0];
    const text = li.children[1];
    return {
      tag: link.tagName,
      href: link.href,
      citation: link.textContent,
      lang: text.lang,
      text: text.textContent,
      marked: text.children.filter((c) => c.tagName === "mark").map((c) => c.textContent),
    };
  });
}

// ---- A mock Quickwit ----------------------------------------------------------------------

const requests = [];
let mode = "ok";
let server;
let base;

const HITS = [
  {
    key: "fr/a-res-80-173#p67", doc: "a-res-80-173", symbol: "A/RES/80/173", lang: "fr",
    text_lang: "fr", id: "p67", number: "67", section: "Financement",
    citation: "A/RES/80/173, par. 67",
    text: "Nous soulignons que la fracture numérique persiste entre les pays et en leur sein.",
    notes: "", url: "fr/a-res-80-173.html#p67", date: "2025-12-17", body: "Assemblée générale",
    cited_by: ["fr/c26-93#p3"], citations: [],
  },
  {
    key: "fr/c26-93#p3", doc: "c26-93", symbol: "C26/93", lang: "fr", text_lang: "fr", id: "p3",
    number: "3", section: "", citation: "C26/93, par. 3",
    text: "Les fractures numériques, y compris entre les femmes et les hommes, demeurent.",
    notes: "", url: "fr/c26-93.html#p3", date: "2026-01-05", body: "Conseil", cited_by: [],
    citations: [],
  },
  // A hostile record: its address must not become a link.
  {
    key: "fr/x#p1", doc: "x", lang: "fr", text_lang: "fr", id: "p1", citation: "X, par. 1",
    text: "Fracture.", url: "javascript:alert(1)",
  },
];

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push({ method: req.method, path: url.pathname, params: Object.fromEntries(url.searchParams) });
    // The page is on another origin: the service must allow it.
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (url.pathname !== INDEX_PATH) {
      res.writeHead(404, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ message: "no such index" }));
    }
    if (mode === "500") {
      res.writeHead(500, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ message: "internal error" }));
    }
    if (mode === "junk") {
      res.writeHead(200, { "Content-Type": "text/html" });
      return res.end("<html>a login page</html>");
    }
    res.writeHead(200, { "Content-Type": "application/json; charset=UTF-8" });
    res.end(JSON.stringify({ num_hits: HITS.length, hits: HITS, elapsed_time_micros: 1234, errors: [] }));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

function attributes(lang, api) {
  return {
    "data-index": path.join(filesDir, lang) + path.sep,
    "data-lang": lang,
    "data-count": "{n} result(s) for “{q}”",
    "data-none": "No results for “{q}”.",
    "data-loading": "Searching…",
    "data-failed": "The search could not load its index.",
    "data-fallback": "The search service is not answering: results from the site's own index.",
    ...(api ? { "data-search-api": api } : {}),
  };
}

// ---- The tests ------------------------------------------------------------------------------

test("words go to the service with the page language, and its hits are shown", async () => {
  mode = "ok";
  requests.length = 0;
  const p = open(
    "https://wsis.example.org/fr/search.html?q=fracture%20num%C3%A9rique",
    attributes("fr", base + INDEX_PATH),
  );
  const status = await settled(p);
  assert.equal(requests.length, 1);
  const r = requests[0];
  assert.equal(r.method, "GET");
  assert.equal(r.path, INDEX_PATH);
  assert.deepEqual(Object.keys(r.params).sort(), ["max_hits", "query", "sort_by", "start_offset"],
    "only parameters Quickwit knows (it refuses others)");
  assert.equal(r.params.query, 'lang:"fr" AND (text:"fracture" OR text:"numérique")');
  assert.equal(r.params.max_hits, "10");
  assert.equal(r.params.start_offset, "0");
  assert.equal(r.params.sort_by, "_score");
  assert.equal(status, "3 result(s) for “fracture numérique”");
  const shown = results(p);
  assert.equal(shown.length, 3);
  assert.deepEqual(shown[0], {
    tag: "a",
    href: "../fr/a-res-80-173.html#p67",
    citation: "A/RES/80/173, par. 67",
    lang: "fr",
    text: HITS[0].text,
    marked: ["fracture", "numérique"],
  });
  assert.equal(shown[1].href, "../fr/c26-93.html#p3");
  assert.deepEqual(shown[1].marked, ["fractures", "numériques"], "plurals and accents are marked");
  assert.equal(shown[2].tag, "span", "a javascript: address is not a link");
  assert.equal(shown[2].href, undefined);
  assert.equal(p.loaded.length, 0, "the static index is not loaded when the service answers");
});

test("a paragraph citation becomes a number filter, a symbol a symbol filter, the document filter a doc filter", async () => {
  mode = "ok";
  requests.length = 0;
  const p = open("https://wsis.example.org/en/search.html?q=%C2%A767", attributes("en", base + INDEX_PATH));
  await settled(p);
  assert.equal(requests[0].params.query, 'lang:"en" AND number:"67"');

  requests.length = 0;
  const q = open(
    "https://wsis.example.org/fr/search.html?q=80%2F173%2067&doc=a-res-80-173",
    attributes("fr", base + INDEX_PATH),
  );
  await settled(q);
  // The document filter comes from the address (`doc=`), as the select is set from it.
  assert.equal(
    requests[0].params.query,
    'lang:"fr" AND doc:"a-res-80-173" AND symbol:"A/RES/80/173" AND number:"67"',
  );

  const query = (s, lang = "fr") => q.context.WsisSearch.service.query(s, lang, {}).query;
  assert.equal(query("A/RES/80/173, par. 113"), 'lang:"fr" AND symbol:"A/RES/80/173" AND number:"113"');
  assert.equal(query("E/2026/48 §5"), 'lang:"fr" AND symbol:"E/2026/48" AND number:"5"');
  assert.equal(query("§ 67 financement"), 'lang:"fr" AND number:"67" AND (text:"financement")');
  assert.equal(
    query('digital "divide" OR text:x', "en"),
    'lang:"en" AND (text:"digital" OR text:"divide" OR text:"or" OR text:"text" OR text:"x")',
    "the query language's syntax in a query is read as words",
  );
  assert.equal(query(" ,, "), null);
});

test("when the service answers 500, the static index answers and the page says so", async () => {
  mode = "500";
  requests.length = 0;
  const p = open("https://wsis.example.org/fr/search.html?q=%C2%A767", attributes("fr", base + INDEX_PATH));
  const status = await settled(p);
  assert.equal(requests.length, 1, "the service was asked");
  assert.ok(
    status.startsWith("The search service is not answering: results from the site's own index. "),
    status,
  );
  assert.match(status, /result\(s\) for “§67”$/);
  const shown = results(p);
  assert.ok(shown.length > 0);
  assert.equal(shown[0].href, "../fr/a-res-80-173.html#p67", "the static index's first answer");
  assert.ok(p.loaded.includes("manifest.js"), p.loaded.join(", "));
});

test("an unreachable service, or an answer that is not a list of hits, falls back too", async () => {
  mode = "junk";
  const junk = open("https://wsis.example.org/fr/search.html?q=cybers%C3%A9curit%C3%A9", attributes("fr", base + INDEX_PATH));
  assert.match(await settled(junk), /^The search service is not answering/);
  assert.ok(results(junk).length > 0);

  // A port nobody listens on.
  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, "127.0.0.1", r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  const down = open("https://wsis.example.org/en/search.html?q=digital%20divide", attributes("en", `http://127.0.0.1:${port}${INDEX_PATH}`));
  assert.match(await settled(down), /^The search service is not answering/);
  assert.ok(results(down).length > 0);
});

test("without data-search-api the page asks no one", async () => {
  let asked = 0;
  const spy = (...args) => {
    asked++;
    return fetch(...args);
  };
  const p = open("https://wsis.example.org/fr/search.html?q=%C2%A767", attributes("fr", null), spy);
  const status = await settled(p);
  assert.equal(asked, 0);
  assert.match(status, /^\d+ result\(s\) for “§67”$/);
  assert.equal(results(p)[0].href, "../fr/a-res-80-173.html#p67");
});
