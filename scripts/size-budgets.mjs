// The widget's download budgets, in one place: `npm run bench` prints them beside the other figures and
// `node scripts/size-budgets.mjs` exits 1 when a build is over. It measures with Node's zlib, as servers compress; GNU
// `gzip -9` packs the same files about 130–320 B smaller, so figures taken with it look under budget when they are not.
// Run it after a build to see the figures and their headroom.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Minified + gzip -9 bytes each file may take, one budget per download a shopper waits for: the selector entry
 * every product page loads, the bill panel's list, and its dialogs, fetched after the list is on screen
 * (docs/architecture.md, "Budgets").
 */
export const SIZE_BUDGETS = {
  'dist/widget/fenqi.js': 14 * 1024,
  'dist/widget/bill-panel.js': 16 * 1024,
  'dist/widget/flows.js': 5 * 1024,
};

/** The file's size as shoppers download it (minified by the build, gzip -9). */
export const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let over = 0;
  for (const [file, budget] of Object.entries(SIZE_BUDGETS)) {
    const size = gzipSize(file);
    const ok = size <= budget;
    if (!ok) over++;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${file}: ${size} B of ${budget} B (${budget - size} B left)`);
  }
  process.exit(over ? 1 : 0);
}
