// Bundled by scripts/bench.mjs and run in headless Chromium: how many full quotes (24-period schedule
// plus APR) per second. Principals vary so that no engine can reuse a previous result.
import { quote, type QuoteInput } from '../shared/index.js';

const input: QuoteInput = {
  principal: 2000000,
  term: 24,
  fee: { model: 'equal-payment', annualRatePct: '18' },
  purchaseDate: '2024-01-31',
  schedule: { mode: 'anniversary' },
};

function round(ms: number): number {
  let count = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 1000; k++) {
      sink += quote({ ...input, principal: 1_000_000 + ((count + k) % 997) * 1000 }).totalFee;
    }
    count += 1000;
    now = performance.now();
  }
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return (count / (now - start)) * 1000;
}

/** Median quotes per second over `rounds` rounds of `ms` milliseconds, after a warm-up. */
export function run(rounds = 5, ms = 400): number {
  round(300);
  const rates = Array.from({ length: rounds }, () => round(ms)).sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}
