// Opens the console on one run in headless chromium (Debian's /usr/bin/chromium), gives the token, stays on the Run
// page for the given seconds, and prints one JSON line: the browser's CPU seconds (utime + stime of every chromium
// process of this profile, from /proc), the page's JS heap (CDP Performance.getMetrics) at the start and the end,
// and how many chart points the page drew.
//   node driver.mjs <origin> <token> <run-id> <seconds>
import { chromium } from "playwright-core";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [origin, token, run, seconds] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "trdpsim-console-bench-"));
const ticks = Number(process.env.CLK_TCK ?? 100);

function browserCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes("chrom") || !cmdline.includes(profile)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticks; // utime, stime
    } catch { /* the process ended */ }
  }
  return total;
}

const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--enable-precise-memory-info"],
  viewport: { width: 1280, height: 800 },
});
const page = browser.pages()[0] ?? await browser.newPage();
const cdp = await browser.newCDPSession(page);
await cdp.send("Performance.enable");
const heap = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? null;

await page.goto(`${origin}/#/run/${encodeURIComponent(run)}`);
await page.waitForSelector("#token-dialog[open]");
await page.fill("#token-input", token);
await page.click("#token-form button[type=submit]");
await page.waitForSelector("figure.chart");
await page.waitForTimeout(5000);
const cpu0 = browserCpuSeconds();
const heap0 = await heap();
const t0 = Date.now();
await page.waitForTimeout(Number(seconds) * 1000);
const wall = (Date.now() - t0) / 1000;
const cpu1 = browserCpuSeconds();
await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
const heap1 = await heap();
const points = await page.evaluate(() => Number(document.querySelector("figure.chart")?.dataset.points ?? 0));
const connection = await page.textContent("#conn");
console.log(JSON.stringify({ seconds: wall, browserCpuCores: (cpu1 - cpu0) / wall, jsHeapStartBytes: heap0, jsHeapEndBytes: heap1, chartPoints: points, connection }));
await browser.close();
