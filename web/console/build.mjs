// Builds the console for embedding: one minified script and one stylesheet with content hashes in their names
// (so the daemon serves them as immutable), index.html pointing at them, and a Brotli and a gzip copy of each
// file (the daemon sends the copy the browser accepts, nothing is compressed per request). Output: dist/.
import * as esbuild from "esbuild";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true }); // old hashed files must not be embedded again
mkdirSync(join(dist, "assets"), { recursive: true });

const result = await esbuild.build({
  entryPoints: [join(here, "src/main.ts")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  entryNames: "[name]-[hash]",
  outdir: join(dist, "assets"),
  legalComments: "inline",
  metafile: true,
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const script = outputs.find((f) => f.endsWith(".js"));
const style = outputs.find((f) => f.endsWith(".css"));
if (!script || !style) throw new Error(`console build: expected one .js and one .css, got ${outputs.join(", ")}`);

const entry = '<script type="module" src="/src/main.ts"></script>';
let html = readFileSync(join(here, "index.html"), "utf8");
if (!html.includes(entry)) throw new Error("console build: index.html lost its development entry " + entry);
html = html
  .replace(/\s*<!-- build\.mjs replaces[^>]*-->/, "")
  .replace("</head>", `<link rel="stylesheet" href="/assets/${style}">\n</head>`)
  .replace(entry, `<script defer src="/assets/${script}"></script>`);
writeFileSync(join(dist, "index.html"), html);

function compressAll(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) { compressAll(path); continue; }
    const bytes = readFileSync(path);
    writeFileSync(path + ".br", brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(path + ".gz", gzipSync(bytes, { level: 9 }));
  }
}
compressAll(dist);
const size = (f) => statSync(join(dist, "assets", f)).size;
console.log(`console: dist/index.html, assets/${script} (${size(script)} B, ${size(script + ".br")} B br), assets/${style} (${size(style)} B)`);
