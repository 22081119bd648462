// Runs axe-core (WCAG 2.0 A/AA, 2.1 AA, best practices) in headless Chromium over pages
// sopdoc wrote, and prints one JSON object: { "<page>": [violation, ...], ... }.
//
//   node tests/a11y/axe.mjs [--width PX] [--search WORDS] [--screenshots DIR] FILE.html ...
//
// --search types WORDS into the site's search box first, so the results are checked too;
// --screenshots saves each whole page as DIR/<n>.png, to look at.
//
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); puppeteer-core downloads no
// browser. Pages are opened from disk (file://), as readers of the offline site do.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
let width = 1280;
let search = null;
let shots = null;
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--width") width = Number(args[++i]);
  else if (args[i] === "--search") search = args[++i];
  else if (args[i] === "--screenshots") shots = args[++i];
  else pages.push(args[i]);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
const results = {};
try {
  for (const file of pages) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    if (search !== null) {
      await page.type("#search-input", search);
      await page.waitForSelector("#search-results:not([hidden]) a", { timeout: 10000 });
    }
    await page.addScriptTag({ content: axeSource });
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] },
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200) })),
      }));
    });
    // Sideways scrolling on a phone: the page is wider than the screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 1) {
      found.push({
        id: "sopdoc-horizontal-scroll",
        impact: "serious",
        help: `the page scrolls sideways by ${overflow} px at ${width} px wide`,
        nodes: [],
      });
    }
    if (shots !== null) {
      await page.screenshot({ path: `${shots}/${Object.keys(results).length}.png`, fullPage: true });
    }
    results[file] = found;
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
