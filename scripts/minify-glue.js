// Minifies the wasm-bindgen glue (dist/runai-console-<hash>.js), which trunk ships as written,
// and puts the minified file's Subresource Integrity hash in index.html in place of the old
// one (the page preloads the glue with `integrity`). Exported names are kept: the page's
// module script imports them. Usage: node scripts/minify-glue.js DIST
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { minify } = require(path.resolve(__dirname, "../.tools/node_modules/terser"));

const sri = (text) => "sha384-" + crypto.createHash("sha384").update(text).digest("base64");

(async () => {
  const dist = process.argv[2];
  const glue = fs.readdirSync(dist).filter((f) => /^runai-console-[0-9a-f]+\.js$/.test(f));
  if (glue.length !== 1) throw new Error(`expected one glue file in ${dist}, found ${glue.length}`);
  const file = path.join(dist, glue[0]);
  const index = path.join(dist, "index.html");
  const source = fs.readFileSync(file, "utf8");
  const html = fs.readFileSync(index, "utf8");
  if (!html.includes(sri(source))) throw new Error(`index.html does not carry the glue's integrity hash`);
  const { code } = await minify(source, { module: true, compress: true, mangle: true });
  fs.writeFileSync(file, code);
  fs.writeFileSync(index, html.replace(sri(source), sri(code)));
})().catch((error) => {
  console.error(`minify-glue: ${error.message}`);
  process.exit(1);
});
