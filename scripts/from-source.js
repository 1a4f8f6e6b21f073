// Runs a TypeScript entry point of this repository from its sources: each .ts file is compiled in
// memory with swc (the build's own .swcrc) as it is required. `npm run cli` and `npm run tokens`
// use it, so they never rebuild or delete the dist/ a running engine is executing.
// Usage: node scripts/from-source.js <entry.ts> [arguments…]
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
// An absolute baseUrl lets swc rewrite the @pj/* paths to relative requires.
const options = { ...swcrc, jsc: { ...swcrc.jsc, baseUrl: root }, sourceMaps: 'inline', swcrc: false };

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
process.setSourceMapsEnabled(true);

const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(entry), ...rest];
require(resolve(entry));
