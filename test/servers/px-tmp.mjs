import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
const [file, ...pts] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
await page.setContent(`<img id=i src="data:image/png;base64,${readFileSync(file).toString("base64")}">`);
const out = await page.evaluate(async (pts) => {
  const img = document.getElementById("i"); await img.decode();
  const c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext("2d"); ctx.drawImage(img, 0, 0);
  return pts.map((p) => { const [x, y] = p.split(",").map(Number); return `${p}: ${[...ctx.getImageData(x, y, 1, 1).data].join(",")}`; });
}, pts);
console.log(out.join("\n"));
await browser.close();
