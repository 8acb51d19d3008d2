// Ad-hoc (deleted after use): crop a tall screenshot into a viewable piece.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
const [file, out, x, y, w, h] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${readFileSync(file).toString("base64")}"></body>`);
await page.screenshot({ path: out, clip: { x: +x, y: +y, width: +w, height: +h }, fullPage: true });
await browser.close();
