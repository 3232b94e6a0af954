// The bill panel's row for `npm run bench` (scripts/bench.mjs): the size of the lazily loaded chunk
// (dist/widget/bill-panel.js, minified + gzip -9; run `npm run build` first). It is downloaded only on pages
// that use <fenqi-bill-panel>, so it does not count against the selector entry's budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 16 * 1024;

export const billPanelBench = {
  name: 'bill-panel',
  async run() {
    const size = gzipSync(readFileSync('dist/widget/bill-panel.js'), { level: 9 }).length;
    return [
      {
        metric: 'bill panel: flows chunk (dist/widget/bill-panel.js), minified + gzip -9',
        value: `${(size / 1024).toFixed(1)} KB (${size} B)`,
        target: '≤ 16 KB',
        ok: size <= BUDGET,
      },
    ];
  },
};
