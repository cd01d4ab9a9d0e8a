// Headless Chromium over the built site from file://: the search page finds §67 with no server
// and loads nothing that is not a local file; the language switch keeps the paragraph (#p67).
// Usage: node tests/browser/file_search.mjs [site folder, default target/ci-public]
// playwright-core is resolved from NODE_PATH (CI installs it in its tools folder).
import path from "node:path";
import fs from "node:fs";
import { launch } from "./chromium.mjs";
import { pathToFileURL } from "node:url";

const site = path.resolve(process.argv[2] || "target/ci-public");
const artifacts = path.resolve("target/ci-artifacts");
fs.mkdirSync(artifacts, { recursive: true });

const browser = await launch();
const failures = [];
try {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
  await page.goto(pathToFileURL(path.join(site, "fr/search.html")).href);
  await page.fill("#search-q", "§67");
  await page.press("#search-q", "Enter");
  const first = page.locator("#search-results a.search-hit").first();
  await first.waitFor({ timeout: 10000 });
  const href = await first.getAttribute("href");
  const text = await first.textContent();
  const status = await page.textContent("#search-status");
  if (!href || !href.endsWith("a-res-80-173.html#p67")) failures.push(`first result links to ${href}`);
  if (!text || !text.includes("A/RES/80/173")) failures.push(`first result reads ${text}`);
  if (!/\d/.test(status || "")) failures.push(`status reads ${status}`);
  // The arrow keys move from the field to the results.
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("href"));
  if (focused !== href) failures.push(`ArrowDown focuses ${focused}`);
  await page.screenshot({ path: path.join(artifacts, "file-search-fr.png"), fullPage: true });
  const foreign = requests.filter((u) => !u.startsWith("file://"));
  if (foreign.length) failures.push(`requests not to file://: ${foreign.join(", ")}`);
  console.log(`file:// search: first result ${text} → ${href}; ${requests.length} requests, all file://: ${foreign.length === 0}; status: ${status}`);

  // The language switch lands on the same paragraph in the other language, and back.
  const before = failures.length;
  await page.goto(pathToFileURL(path.join(site, "fr/a-res-80-173.html")).href + "#p67");
  for (const [from, to] of [["fr", "en"], ["en", "fr"]]) {
    await Promise.all([page.waitForURL(`**/${to}/a-res-80-173.html#p67`, { timeout: 10000 }).catch(() => {}), page.click("a.lang-switch")]);
    const url = page.url();
    const lang = await page.getAttribute("html", "lang");
    const target = await page.evaluate(() => {
      const t = document.querySelector(":target");
      return t ? t.id : null;
    });
    if (!url.endsWith(`/${to}/a-res-80-173.html#p67`) || lang !== to || target !== "p67") {
      failures.push(`switching ${from} → ${to} from #p67 lands on ${url} (lang ${lang}, target ${target})`);
    }
    await page.screenshot({ path: path.join(artifacts, `switch-${from}-${to}-p67.png`) });
  }
  if (failures.length === before) console.log("language switch from #p67: fr → en → fr lands on #p67 each time");
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
