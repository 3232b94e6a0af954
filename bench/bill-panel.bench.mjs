// The bill panel's row for `npm run bench` (scripts/bench.mjs): the size of the lazily loaded chunk
// (dist/widget/bill-panel.js, minified + gzip -9; run `npm run build` first). It is downloaded only on pages
// that use <fenqi-bill-panel>, so it does not count against the selector entry's budget.
import { SIZE_BUDGETS, gzipSize } from '../scripts/size-budgets.mjs';

const FILE = 'dist/widget/bill-panel.js';

export const billPanelBench = {
  name: 'bill-panel',
  async run() {
    const size = gzipSize(FILE);
    return [
      {
        metric: 'bill panel: flows chunk (dist/widget/bill-panel.js), minified + gzip -9',
        value: `${(size / 1024).toFixed(1)} KB (${size} B)`,
        target: '≤ 16 KB',
        ok: size <= SIZE_BUDGETS[FILE],
      },
    ];
  },
};
