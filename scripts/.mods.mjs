import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
const webApp = '/work/wt-bundle3/apps/web/';
const dir = mkdtempSync(join(webApp, '.mods-'));
const entry = join(dir, 'e.mjs');
writeFileSync(entry, "export { WebSocketProvider, useLiveOperation, useOperation, ProgressTracker } from '@liveprogress/react';");
const prod = process.argv[2] === 'prod';
const r = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser',
  external: ['react','react-dom','react/jsx-runtime','sonner','@tanstack/react-query','swr','socket.io-client','date-fns'],
  write: false, logLevel: 'error', metafile: true, define: prod ? { 'process.env.NODE_ENV': '"production"' } : {} });
const total = gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k, v]) => [v.bytesInOutput, k.replace(/.*packages\//, '')]).sort((a, b) => b[0] - a[0]);
let sum = 0; for (const [b, k] of rows) { sum += b; console.log(String(b).padStart(6), k); }
console.log('raw', sum, 'gz', total);
rmSync(dir, { recursive: true, force: true });
const text = r.outputFiles[0].text;
const strs = [...text.matchAll(/"(?:[^"\\]|\\.){25,}"|`(?:[^`\\]|\\.){25,}`|'(?:[^'\\]|\\.){25,}'/g)].map(m=>m[0]);
if (process.argv[3]) for (const s of strs) console.log(s.length, s.slice(0,140));
console.log('long strings', strs.length, strs.reduce((a,s)=>a+s.length,0));
if (process.argv[4]) { const t = r.outputFiles[0].text; const i = t.indexOf(process.argv[4]); console.log(t.slice(Math.max(0,i-300), i+600)); }
