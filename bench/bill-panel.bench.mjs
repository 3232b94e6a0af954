// The bill panel's rows for `npm run bench` (scripts/bench.mjs): the sizes of its two lazily loaded chunks
// (minified + gzip -9; run `npm run build` first). Both are downloaded only on pages that use <fenqi-bill-panel>,
// so they do not count against the selector entry's budget: the list (bill-panel.js) is what the shopper waits
// for; the repay and payment-method dialogs (flows.js) are fetched once the list is on screen.
import { SIZE_BUDGETS, gzipSize } from '../scripts/size-budgets.mjs';

const CHUNKS = [
  ['dist/widget/bill-panel.js', 'bill panel: the list'],
  ['dist/widget/flows.js', 'bill panel: the repay and payment-method dialogs'],
];

export const billPanelBench = {
  name: 'bill-panel',
  async run() {
    return CHUNKS.map(([file, what]) => {
      const size = gzipSize(file);
      return {
        metric: `${what} (${file}), minified + gzip -9`,
        value: `${(size / 1024).toFixed(1)} KB (${size} B)`,
        target: `≤ ${SIZE_BUDGETS[file] / 1024} KB`,
        ok: size <= SIZE_BUDGETS[file],
      };
    });
  },
};
