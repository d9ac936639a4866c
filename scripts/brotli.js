// Writes a brotli twin (FILE.br, quality 11) of each file named, for servers that send
// precompressed files as they are (deploy/nginx/ with brotli_static). Node's own zlib: no
// package to install. Usage: node scripts/brotli.js FILE...
const fs = require("fs");
const zlib = require("zlib");
for (const file of process.argv.slice(2)) {
  const packed = zlib.brotliCompressSync(fs.readFileSync(file), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: fs.statSync(file).size },
  });
  fs.writeFileSync(file + ".br", packed);
}
