// Lists the elements that stick out of a 390-px-wide screen (a debugging aid for the
// phone layout): node tests/a11y/overflow.mjs FILE.html
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage();
await page.setViewport({ width: Number(process.env.WIDTH || 390), height: 900 });
await page.goto(pathToFileURL(process.argv[2]).href, { waitUntil: "load" });
const wide = await page.evaluate(() => {
  const w = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && (el.parentElement === null || el.parentElement.closest(".table-wrap, .overview-svg, .flowchart-wrap") === null)) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)} ${el.outerHTML.slice(0, 100)}`);
    }
  }
  return out.slice(0, 15);
});
console.log(wide.join("\n"));
await browser.close();
