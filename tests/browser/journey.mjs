// A reader's journey through the site in headless Chromium, on each target given:
//   --http BASE    the site served by `wsis serve` (e.g. http://127.0.0.1:8765/): same-origin requests only
//   --bundle DIR   an unzipped offline bundle (index.html = language chooser, fr/, en/, static/), over
//                  file://: file:// URLs inside DIR only
//   --single FILE  one self-contained HTML document (A/RES/80/173 in French), over file://: that file
//                  (and data: URLs) only; its links to other pages are https:// URLs marked data-online
//   --artifacts D  screenshots and PDFs go there (default target/ci-artifacts), named <target>-<step>
// On the site targets: chooser → fr home → A/RES/80/173 → §67 "cited in" → ITU report annex → back;
// search §113 and words; language switch fr → en → fr at #p67; print media (no header/nav, numbers and
// notes shown) and a PDF; axe-core on the chooser, both homes, the document, the side-by-side page and
// the search page with results. Every request is recorded and checked; a page error is a failure.
// Exits 1 listing every failure.
// playwright-core and axe-core are resolved from NODE_PATH (CI installs them in its tools folder).
import path from "node:path";
import fs from "node:fs";
import { createRequire } from "node:module";
import { launch } from "./chromium.mjs";
import { pathToFileURL, fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

// ---- options ----------------------------------------------------------------------------

function usage(message) {
  if (message) console.error(message);
  console.error("usage: node tests/browser/journey.mjs [--http BASE] [--bundle DIR] [--single FILE] [--artifacts DIR]");
  process.exit(2);
}
const opts = {};
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(http|bundle|single|artifacts)(?:=(.*))?$/.exec(argv[i]);
    if (!m) usage(`unknown argument: ${argv[i]}`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (value === undefined || value === "") usage(`--${m[1]} needs a value`);
    opts[m[1]] = value;
  }
}
if (!opts.http && !opts.bundle && !opts.single) usage("give at least one of --http, --bundle, --single");
const artifacts = path.resolve(opts.artifacts || "target/ci-artifacts");
fs.mkdirSync(artifacts, { recursive: true });

// ---- helpers ----------------------------------------------------------------------------

const failures = [];
const summaries = [];

function fileOf(url) {
  try {
    return fileURLToPath(new URL(url));
  } catch {
    return null;
  }
}

function inside(dir, file) {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Runs one journey with its own page; returns after recording failures, never throws. */
async function journey(browser, target) {
  const { name } = target;
  const fail = (msg) => failures.push(`[${name}] ${msg}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const requests = [];
  const foreign = [];
  page.on("request", (r) => {
    const u = r.url();
    requests.push(u);
    if (!target.allowed(u)) foreign.push(u);
  });
  page.on("pageerror", (e) => fail(`page error on ${page.url()}: ${e.message}`));
  // Nothing outside the allowed set leaves the browser: such a request is recorded above, then aborted.
  await context.route((url) => !target.allowed(url.href), (route) => route.abort());

  const axeReport = [];
  const shot = async (step, options = {}) => {
    try {
      await page.screenshot({ path: path.join(artifacts, `${name}-${step}.png`), ...options });
    } catch (e) {
      fail(`screenshot ${step}: ${e.message}`);
    }
  };
  const axe = async (label) => {
    try {
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      const violations = result.violations || [];
      axeReport.push(`${label}: ${violations.length} violation(s)${violations.length ? " (" + violations.map((v) => v.id).join(", ") + ")" : ""}`);
      for (const v of violations) {
        const nodes = v.nodes
          .slice(0, 3)
          .map((n) => `      ${JSON.stringify(n.target)} ${n.html.length > 200 ? n.html.slice(0, 200) + "…" : n.html}`)
          .join("\n");
        const more = v.nodes.length > 3 ? `\n      … and ${v.nodes.length - 3} more` : "";
        const why = (v.nodes[0] && v.nodes[0].failureSummary ? v.nodes[0].failureSummary : "").replace(/\s*\n\s*/g, " ");
        fail(
          `axe on ${label} (${page.url()}): ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} element(s)) ${v.helpUrl}\n` +
            `${nodes}${more}${why ? `\n      why (first): ${why}` : ""}`,
        );
      }
    } catch (e) {
      fail(`axe on ${label}: ${e.message}`);
    }
  };
  const step = async (label, fn) => {
    try {
      await fn();
    } catch (e) {
      fail(`${label}: ${e.message.split("\n")[0]}`);
    }
  };
  const targetId = () =>
    page.evaluate(() => {
      const t = document.querySelector(":target");
      return t ? t.id : null;
    });
  const before = failures.length;
  try {
    await target.run({ name, page, fail, shot, axe, step, targetId });
  } catch (e) {
    fail(`journey stopped: ${e.message.split("\n")[0]}`);
  } finally {
    await context.close();
  }
  if (foreign.length) {
    const unique = [...new Set(foreign)];
    fail(`${foreign.length} request(s) outside the allowed set (${target.allowedText}):\n  ${unique.join("\n  ")}`);
  }
  const ok = failures.length === before;
  summaries.push(
    `${name}: ${ok ? "ok" : `${failures.length - before} failure(s)`}; ${requests.length} requests, ` +
      `${requests.length - foreign.length} allowed, ${foreign.length} outside (${target.allowedText}); ` +
      `axe: ${axeReport.length ? axeReport.join("; ") : "not run"}`,
  );
}

// ---- the site (served over http, or an offline bundle over file://) ----------------------

function siteJourney(url) {
  return async ({ name, page, fail, shot, axe, step, targetId }) => {
    const path_ = (u) => new URL(u).pathname;
    const waitPath = (suffix) => page.waitForURL((u) => u.pathname.endsWith(suffix), { timeout: 10000 });

    // The language chooser, then the French home.
    await page.goto(url("index.html"));
    await shot("chooser");
    await axe("chooser (index.html)");
    await step("chooser → fr home", async () => {
      const link = page.locator('main a[href$="fr/index.html"]').first();
      await Promise.all([waitPath("/fr/index.html"), link.click()]);
    });
    if (!path_(page.url()).endsWith("/fr/index.html")) {
      fail(`the chooser's French link leads to ${page.url()}`);
      await page.goto(url("fr/index.html"));
    }
    await shot("fr-home");
    await axe("fr home");

    // The document, from the home page.
    await step("fr home → A/RES/80/173", async () => {
      const link = page.locator('main a[href$="a-res-80-173.html"]').first();
      await Promise.all([waitPath("/fr/a-res-80-173.html"), link.click()]);
    });
    if (!path_(page.url()).endsWith("/fr/a-res-80-173.html")) {
      fail(`the home's A/RES/80/173 link leads to ${page.url()}`);
      await page.goto(url("fr/a-res-80-173.html"));
    }
    await shot("document");
    await axe("fr document");

    // §67 is cited in the ITU report's annex: open "cited in", follow it, come back.
    await step("§67 cited in → ITU report annex", async () => {
      const details = page.locator("#p67 details.cited-in");
      await details.locator("summary").click();
      const open = await details.evaluate((d) => d.open);
      if (!open) fail("clicking the summary of #p67's cited-in does not open it");
      const link = details.locator('a[href*="itu-report-unga-wsis20-meeting.html#annex1-p67"]');
      if ((await link.count()) !== 1) {
        fail(`#p67's cited-in has ${await link.count()} link(s) to itu-report-unga-wsis20-meeting.html#annex1-p67`);
        return;
      }
      await shot("cited-in-open");
      await Promise.all([
        page.waitForURL("**/fr/itu-report-unga-wsis20-meeting.html#annex1-p67", { timeout: 10000 }),
        link.click(),
      ]);
      const t = await targetId();
      if (t !== "annex1-p67") fail(`on ${page.url()} :target is ${t}, not annex1-p67`);
      await shot("itu-annex1-p67");
      await page.goBack();
      await waitPath("/fr/a-res-80-173.html");
      const back = path_(page.url());
      if (!back.endsWith("/fr/a-res-80-173.html")) fail(`back from the annex lands on ${page.url()}`);
    });

    // Search from the header's search field: §113, then words.
    await step("search §113 from the header", async () => {
      await page.fill("#site-search-q", "§113");
      await Promise.all([waitPath("/fr/search.html"), page.press("#site-search-q", "Enter")]);
      const q = new URL(page.url()).searchParams.get("q");
      if (q !== "§113") fail(`the header's search form leads to ${page.url()} (q = ${q})`);
      const first = page.locator("#search-results a.search-hit").first();
      await first.waitFor({ timeout: 10000 });
      const href = await first.getAttribute("href");
      if (!href || !href.endsWith("a-res-80-173.html#p113")) fail(`search §113: first result links to ${href}`);
      await shot("search-p113");
    });
    // The search page with results (as it opens from a link: search.html?q=%C2%A7113).
    await step("search page with results", async () => {
      await page.goto(url("fr/search.html?q=%C2%A7113"));
      await page.locator("#search-results a.search-hit").first().waitFor({ timeout: 10000 });
    });
    await axe("fr search with results (?q=%C2%A7113)");
    for (const words of ["fracture numérique", "connectivité"]) {
      await step(`search "${words}"`, async () => {
        await page.fill("#search-q", words);
        await page.click("#search form button");
        const status = page.locator("#search-status");
        await page.waitForFunction(
          (w) => (document.getElementById("search-status").textContent || "").includes(w),
          words,
          { timeout: 10000 },
        );
        const text = await status.textContent();
        const hits = await page.locator("#search-results a.search-hit").count();
        if (hits < 1) fail(`search "${words}": no result (status: ${text})`);
        if (!/\d/.test(text || "")) fail(`search "${words}": status has no number: ${text}`);
        await shot(`search-${words.split(" ")[0].normalize("NFD").replace(/[^a-z]/g, "")}`);
      });
    }

    // The language switch keeps the paragraph: fr → en → fr at #p67.
    await page.goto(url("fr/a-res-80-173.html") + "#p67");
    for (const [from, to] of [["fr", "en"], ["en", "fr"]]) {
      await step(`language switch ${from} → ${to}`, async () => {
        await Promise.all([
          page.waitForURL(`**/${to}/a-res-80-173.html#p67`, { timeout: 10000 }).catch(() => {}),
          page.click("a.lang-switch"),
        ]);
        const lang = await page.getAttribute("html", "lang");
        const t = await targetId();
        if (!page.url().endsWith(`/${to}/a-res-80-173.html#p67`) || lang !== to || t !== "p67") {
          fail(`switching ${from} → ${to} from #p67 lands on ${page.url()} (lang ${lang}, :target ${t})`);
        }
        await shot(`switch-${from}-${to}`);
      });
    }

    // Print: no header nor navigation; paragraph numbers and notes shown; a PDF.
    if (!path_(page.url()).endsWith("/fr/a-res-80-173.html")) await page.goto(url("fr/a-res-80-173.html") + "#p67");
    await step("print media", async () => {
      await page.emulateMedia({ media: "print" });
      const shown = await page.evaluate(() => {
        const visible = (el) => {
          if (!el) return null;
          const s = getComputedStyle(el);
          return s.display !== "none" && s.visibility !== "hidden" && el.getClientRects().length > 0;
        };
        return {
          header: [...document.querySelectorAll(".site-header")].map(visible),
          nav: [...document.querySelectorAll("nav")].map((n) => [n.className || n.getAttribute("aria-label") || "nav", visible(n)]),
          num: visible(document.querySelector("#p67 .num")),
          footnotes: visible(document.querySelector(".footnotes")),
        };
      });
      if (shown.header.length === 0) fail("no .site-header on the document page");
      if (shown.header.some(Boolean)) fail("print: .site-header is shown");
      for (const [n, v] of shown.nav) if (v) fail(`print: nav ${n} is shown`);
      if (shown.num !== true) fail(`print: #p67 .num is ${shown.num === null ? "missing" : "hidden"}`);
      if (shown.footnotes !== true) fail(`print: .footnotes is ${shown.footnotes === null ? "missing" : "hidden"}`);
      await page.locator("#p67").scrollIntoViewIfNeeded();
      await shot("print");
      await page.pdf({ path: path.join(artifacts, `${name}-a-res-80-173.pdf`), format: "A4" });
    });
    await page.emulateMedia({ media: "screen" });

    // Side by side, and the English home.
    await page.goto(url("fr/a-res-80-173-parallel.html"));
    await shot("parallel");
    await axe("fr side by side");
    await page.goto(url("en/index.html"));
    await shot("en-home");
    await axe("en home");
  };
}

// ---- one self-contained file (A/RES/80/173 in French) -----------------------------------
// Not yet exercised against a real `wsis bundle` output: written from the specification.

function singleJourney(fileUrl) {
  return async ({ page, fail, shot, axe, step, targetId }) => {
    await page.goto(fileUrl);
    await shot("single-open");
    if ((await page.locator("#p67").count()) !== 1) fail("no #p67 in the single file");

    // Links out of the file go to the online site, marked data-online; they are not followed.
    await step("links to the online site", async () => {
      const cited = page.locator('#p67 details.cited-in a[href*="itu-report-unga-wsis20-meeting"]');
      if ((await cited.count()) < 1) {
        fail("#p67's cited-in has no link to the ITU report");
      } else {
        const href = await cited.first().getAttribute("href");
        const online = await cited.first().getAttribute("data-online");
        if (!/^https:\/\//.test(href || "") || !(href || "").includes("#annex1-p67") || online === null) {
          fail(`#p67's cited-in link to the ITU report is ${href} (data-online ${online === null ? "missing" : "present"})`);
        }
      }
      const sw = page.locator("a.lang-switch");
      if ((await sw.count()) < 1) {
        fail("no a.lang-switch in the single file");
      } else {
        const href = await sw.first().getAttribute("href");
        const online = await sw.first().getAttribute("data-online");
        if (!/^https:\/\//.test(href || "") || online === null) {
          fail(`a.lang-switch is ${href} (data-online ${online === null ? "missing" : "present"})`);
        }
      }
    });

    // The embedded search: results are fragments of this page.
    const submit = async (q) => {
      if ((await page.locator("#search #search-q").count()) !== 1) throw new Error("no #search-q inside #search");
      await page.locator("#search").scrollIntoViewIfNeeded();
      await page.fill("#search-q", q);
      await page.locator('#search form button:not([type]), #search form button[type="submit"]').first().click();
    };
    await step("embedded search §113", async () => {
      await submit("§113");
      const first = page.locator("#search-results a.search-hit").first();
      await first.waitFor({ timeout: 10000 });
      const href = await first.getAttribute("href");
      if (href !== "#p113") fail(`embedded search §113: first result links to ${href}, not #p113`);
      await shot("single-search-p113");
      await first.click();
      await page.waitForFunction(() => location.hash === "#p113", null, { timeout: 5000 }).catch(() => {});
      const t = await targetId();
      if (t !== "p113") fail(`following the §113 result: :target is ${t}`);
    });
    await step('embedded search "fracture numérique"', async () => {
      const words = "fracture numérique";
      await submit(words);
      await page.waitForFunction(
        (w) => (document.getElementById("search-status").textContent || "").includes(w),
        words,
        { timeout: 10000 },
      );
      const text = await page.textContent("#search-status");
      const hits = await page.locator("#search-results a.search-hit").count();
      if (hits < 1) fail(`embedded search "${words}": no result (status: ${text})`);
      if (!/\d/.test(text || "")) fail(`embedded search "${words}": status has no number: ${text}`);
      await shot("single-search-words");
    });

    await step("print media", async () => {
      await page.emulateMedia({ media: "print" });
      const shown = await page.evaluate(() => {
        const visible = (el) => {
          const s = getComputedStyle(el);
          return s.display !== "none" && s.visibility !== "hidden" && el.getClientRects().length > 0;
        };
        const num = document.querySelector("#p67 .num");
        return {
          chrome: [...document.querySelectorAll(".site-header, nav")].filter(visible).map((e) => e.outerHTML.slice(0, 80)),
          num: num ? visible(num) : null,
        };
      });
      for (const h of shown.chrome) fail(`print: shown: ${h}`);
      if (shown.num !== true) fail(`print: #p67 .num is ${shown.num === null ? "missing" : "hidden"}`);
      await shot("single-print");
      await page.pdf({ path: path.join(artifacts, "single-a-res-80-173.pdf"), format: "A4" });
    });
    await page.emulateMedia({ media: "screen" });
    await axe("single file");
  };
}

// ---- run --------------------------------------------------------------------------------

const targets = [];
if (opts.http) {
  const base = new URL(opts.http.endsWith("/") ? opts.http : opts.http + "/");
  targets.push({
    name: "http",
    allowedText: `origin ${base.origin}`,
    allowed: (u) => {
      try {
        return new URL(u).origin === base.origin;
      } catch {
        return false;
      }
    },
    run: siteJourney((rel) => new URL(rel, base).href),
  });
}
if (opts.bundle) {
  const dir = path.resolve(opts.bundle);
  if (!fs.existsSync(path.join(dir, "index.html"))) usage(`--bundle ${dir}: no index.html there`);
  targets.push({
    name: "bundle",
    allowedText: `file:// inside ${dir}`,
    allowed: (u) => {
      if (!u.startsWith("file://")) return false;
      const f = fileOf(u);
      return f !== null && inside(dir, f);
    },
    run: siteJourney((rel) => {
      const [p, q] = rel.split("?");
      return pathToFileURL(path.join(dir, p)).href + (q !== undefined ? "?" + q : "");
    }),
  });
}
if (opts.single) {
  const file = path.resolve(opts.single);
  if (!fs.existsSync(file)) usage(`--single ${file}: no such file`);
  const fileUrl = pathToFileURL(file).href;
  targets.push({
    name: "single",
    allowedText: `${fileUrl} and data:`,
    allowed: (u) => u.startsWith("data:") || (u.startsWith("file://") && fileOf(u) === file),
    run: singleJourney(fileUrl),
  });
}

const browser = await launch();
try {
  for (const target of targets) await journey(browser, target);
} finally {
  await browser.close();
}
for (const s of summaries) console.log(`journey ${s}`);
console.log(`artifacts: ${artifacts}`);
if (failures.length) {
  console.error(`\n${failures.length} failure(s):`);
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`journey: ${targets.length} target(s), 0 failures`);
