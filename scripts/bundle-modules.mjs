#!/usr/bin/env node
// Where the typical import's min+gz bytes of our own code are, module by module: the table of
// docs/performance.md, The browser bundle. Run after a build: `npm run size:modules`.
// Built as scripts/bundle-size.mjs builds it (production, minified, peers and dependencies left out);
// each module's bytes are found in the minified output through the source map, and its figure is
// what gzip -9 of the bundle loses when they are taken out. The figures add up to less than the
// total: gzip shares what modules repeat of each other (names, markup, message shapes), so taking
// one module out saves only what is its own.
import { gzipSync } from 'node:zlib';
import { DEPENDENCIES, PEERS, TYPICAL_IMPORT, buildBundle } from './bundle-build.mjs';

const result = await buildBundle(TYPICAL_IMPORT, [...PEERS, ...DEPENDENCIES], { sourcemap: 'external' });
const code = result.outputFiles.find((file) => file.path.endsWith('.js')).text;
const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map')).text);
const gz = (text) => gzipSync(text, { level: 9 }).length;
const total = gz(code);

// Which source each byte of the output came from: every mapping owns the bytes up to the next one.
const owner = new Int32Array(code.length).fill(-1);
let offset = 0;
let source = 0;
for (const line of map.mappings.split(';')) {
  let column = 0;
  const starts = [];
  for (const segment of line.split(',').filter(Boolean)) {
    const [columnDelta, sourceDelta] = decodeVlq(segment);
    column += columnDelta;
    if (sourceDelta !== undefined) source += sourceDelta;
    starts.push([offset + column, sourceDelta === undefined ? -1 : source]);
  }
  const lineLength = code.indexOf('\n', offset) === -1 ? code.length - offset : code.indexOf('\n', offset) - offset;
  for (const [i, [start, from]] of starts.entries()) owner.fill(from, start, i + 1 < starts.length ? starts[i + 1][0] : offset + lineLength);
  offset += lineLength + 1;
}

const rows = map.sources.map((name, index) => {
  let rest = '';
  for (let i = 0; i < code.length; i += 1) if (owner[i] !== index) rest += code[i];
  return { module: name.replace(/^.*?packages\//, ''), kB: (total - gz(rest)) / 1000 };
});
rows.sort((a, b) => b.kB - a.kB);
console.log(`typical import, our own code: ${(total / 1000).toFixed(2)} kB min+gz (${code.length} bytes minified)\n`);
console.log('| module | kB |\n|---|---:|');
for (const { module, kB } of rows.filter((row) => row.kB > 0)) console.log(`| ${module} | ${kB.toFixed(2)} |`);
const sum = rows.reduce((all, row) => all + row.kB, 0);
console.log(`\nthe modules' figures add up to ${sum.toFixed(2)} kB; the other ${(total / 1000 - sum).toFixed(2)} kB is what gzip shares between them.`);
// Counted in the total, but not code of ours an app ships: its bundler resolves these imports into React itself.
const IMPORT = /import\{[^}]*\}from"[^"]*";/g;
const imports = code.match(IMPORT) ?? [];
console.log(
  `of the total, ${((total - gz(code.replace(IMPORT, ''))) / 1000).toFixed(2)} kB are the ${imports.length} import statements of the peers and dependencies (one per module that imports them).`,
);

/** One base64 VLQ segment of a source map's `mappings`: [generated column, source, line, column] deltas. */
function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
