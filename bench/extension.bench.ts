/**
 * The extension's budgets with 10,000 stored plans, in a plain Chromium page with real IndexedDB and the
 * browser stub (bundled by bench/extension.bench.mjs): schema migration v1 → v2, sync of 100 plans from
 * one store, badge recompute, and the popup's first render (data load + DOM).
 */
import { envelope } from '../shared/bridge.js';
import { refreshBadge } from '../extension/background/badge.js';
import { localToday } from '../shared/dates.js';
import { handlePageMessage } from '../extension/background/messages.js';
import { openFenqiDB, UPGRADES, useDatabase } from '../extension/storage/schema.js';
import { saveSettings } from '../extension/storage/settings.js';
import { showPopup } from '../extension/popup/popup-view.js';
import { pageSender } from '../test/helpers/browser-stub.js';
import { plan, v1Record } from '../test/extension/fixtures.js';

const PLANS = 10_000;
const NAME = 'fenqi-bench';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((done, fail) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => done();
    request.onerror = () => fail(request.error);
  });
}

/** A version-1 database with 10,000 plans over 50 stores, due over the next year. */
async function v1Fixture(): Promise<void> {
  await deleteDatabase(NAME);
  const v1 = await openFenqiDB(NAME, UPGRADES.slice(0, 1));
  const tx = v1.transaction('plans', 'readwrite');
  const writes = Array.from({ length: PLANS }, (_, i) => {
    const offset = (i % 400) - 30;
    const p = plan(`P${i}`, [offset, offset + 30, offset + 60, offset + 90, offset + 120, offset + 150], {
      paid: i % 3,
    });
    return tx.store.put(v1Record(`https://shop${i % 50}.example`, p, i % 20 === 0) as never);
  });
  await Promise.all([...writes, tx.done]);
  v1.close();
}

export async function run(): Promise<Record<string, number>> {
  await v1Fixture();
  const migrate = await time(async () => (await openFenqiDB(NAME)).close());

  await useDatabase(NAME);
  await saveSettings({ tracking: true });
  const sender = pageSender('https://shop-bench.example/bills');
  const syncs: number[] = [];
  for (let round = 0; round < 5; round++) {
    const plans = Array.from({ length: 100 }, (_, i) =>
      plan(`S${i}`, [round + 1, round + 31, round + 61], { paid: round % 2 }),
    );
    syncs.push(await time(() => handlePageMessage(envelope('plans', { plans }), sender)));
  }

  const badges: number[] = [];
  for (let round = 0; round < 5; round++) badges.push(await time(() => refreshBadge()));

  const renders: number[] = [];
  for (let round = 0; round < 5; round++) {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    renders.push(await time(() => showPopup(root, localToday())));
  }
  await useDatabase('fenqi-bench-closed');
  await deleteDatabase(NAME);
  return { migrate, sync: median(syncs), badge: median(badges), popup: median(renders), plans: PLANS };
}
