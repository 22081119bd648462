// Measures the pathway diagrams of HTML pages in Chromium, after the web fonts load:
// every text line must stay inside the box, diamond, badge or label patch that holds it,
// every shape inside the picture (nothing clipped), and the flowchart text must be set in
// the site's own Carlito (the font the layout measured, as in the PDF).
// node tests/a11y/flowchart-fit.mjs PAGE.html… prints {"page": ["problem", …]} as JSON.
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
const report = {};
try {
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    report[file] = await page.evaluate(() => {
      const problems = [];
      const svgs = [...document.querySelectorAll("figure.pathway svg")];
      if (svgs.length === 0) problems.push("no pathway diagram on the page");
      const carlito = [...document.fonts].filter(
        (f) => f.family.replace(/["']/g, "") === "Carlito" && f.status === "loaded",
      );
      if (carlito.length === 0) problems.push("the Carlito web font did not load");
      const tol = 0.5;
      for (const [k, svg] of svgs.entries()) {
        const vb = svg.viewBox.baseVal;
        const shapes = [...svg.querySelectorAll("rect, polygon, circle, ellipse, path")].filter(
          (s) => s.tagName !== "path" || (s.getAttribute("fill") || "none") !== "none",
        );
        for (const s of shapes) {
          const b = s.getBBox();
          if (b.x < vb.x - tol || b.y < vb.y - tol || b.x + b.width > vb.x + vb.width + tol || b.y + b.height > vb.y + vb.height + tol) {
            problems.push(`diagram ${k + 1}: a ${s.tagName} is clipped by the picture's edge`);
          }
        }
        for (const t of svg.querySelectorAll("text")) {
          const b = t.getBBox();
          const cx = b.x + b.width / 2;
          const cy = b.y + b.height / 2;
          // The smallest shape under the text's centre holds it.
          let holder = null;
          let area = Infinity;
          for (const s of shapes) {
            const h = s.getBBox();
            if (cx >= h.x && cx <= h.x + h.width && cy >= h.y && cy <= h.y + h.height && h.width * h.height < area) {
              holder = h;
              area = h.width * h.height;
            }
          }
          if (holder === null) {
            problems.push(`diagram ${k + 1}: "${t.textContent}" is outside every shape`);
          } else if (b.x < holder.x - tol || b.x + b.width > holder.x + holder.width + tol) {
            problems.push(`diagram ${k + 1}: "${t.textContent}" (${b.width.toFixed(1)} wide) spills past its ${holder.width.toFixed(1)}-wide shape`);
          }
          const family = getComputedStyle(t).fontFamily;
          if (!family.startsWith("Carlito") && !family.startsWith('"Carlito"')) {
            problems.push(`diagram ${k + 1}: "${t.textContent}" is set in ${family}`);
          }
        }
      }
      return problems;
    });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report, null, 1));
