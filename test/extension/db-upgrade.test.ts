import { expect } from '@open-wc/testing';
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { openFenqiDB, UPGRADES, type FenqiDB, type UpgradeStep } from '../../extension/storage/schema.js';
import { plan, v1Record } from './fixtures.js';

const NAME = 'fenqi-test-upgrade';
const PLANS = 10_000;
const FEWER = 2_000;

/** Version 1 of the database, as the thin slice left it, holding `count` plans over 50 origins. */
async function v1Fixture(count = PLANS): Promise<ReturnType<typeof v1Record>[]> {
  await deleteDB(NAME);
  const records = Array.from({ length: count }, (_, i) => {
    const p = plan(`P${i}`, ['2030-01-10', '2030-02-10', '2030-03-10'], { paid: i % 4 });
    return v1Record(`https://shop${i % 50}.example`, p, i % 10 === 0);
  });
  const v1 = await openFenqiDB(NAME, UPGRADES.slice(0, 1));
  const tx = v1.transaction('plans', 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r as never)), tx.done]);
  await (v1 as unknown as { put(store: string, value: unknown, key: string): Promise<unknown> }).put(
    'settings',
    { tracking: true },
    'settings',
  );
  v1.close();
  return records;
}

/** Records in the order of their [origin, id] keys, as getAll returns them (both compare UTF-16 code units). */
function inKeyOrder<T extends { origin: string; id: string }>(records: T[]): T[] {
  const key = (r: T) => [r.origin, r.id] as const;
  return [...records].sort((a, b) =>
    key(a)[0] < key(b)[0] ? -1 : key(a)[0] > key(b)[0] ? 1 : key(a)[1] < key(b)[1] ? -1 : key(a)[1] > key(b)[1] ? 1 : 0,
  );
}

/** Reads the database at whatever version it is, without upgrading it. */
async function raw() {
  const database = await openDB(NAME);
  const plans = database.transaction('plans').objectStore('plans');
  const result = {
    version: database.version,
    stores: [...database.objectStoreNames],
    planIndexes: [...plans.indexNames],
    plans: await plans.getAll(),
    settings: await database.get('settings', 'settings'),
  };
  database.close();
  return result;
}

describe('database upgrades', function () {
  // 10,000 plans are written, upgraded and compared several times over.
  this.timeout(60_000);
  // A connection left open by a failed assertion would block the next test's deleteDB forever.
  const open: IDBPDatabase<FenqiDB>[] = [];
  const track = (database: IDBPDatabase<FenqiDB>) => (open.push(database), database);
  afterEach(() => open.splice(0).forEach((d) => d.close()));
  after(() => deleteDB(NAME));

  it('creates the current schema from nothing', async () => {
    await deleteDB(NAME);
    (await openFenqiDB(NAME)).close();
    const now = await raw();
    expect(now.version).to.equal(3);
    expect(now.stores).to.have.members(['notices', 'plans', 'reminders', 'settings', 'sites']);
    expect(now.planIndexes).to.have.members(['by-origin', 'by-next-due']);
  });

  it('upgrades v1 with 10,000 plans to the current version losing none, with a site for each of their origins', async () => {
    const before = await v1Fixture();
    const database = track(await openFenqiDB(NAME));
    expect(database.version).to.equal(3);
    const after = await database.getAll('plans');
    expect(after.length).to.equal(PLANS);
    expect(after).to.deep.equal(inKeyOrder(before));
    const sites = await database.getAll('sites');
    expect(sites.length).to.equal(50);
    expect(sites).to.deep.include({ origin: 'https://shop7.example', billsPath: null, enabled: true });
    expect(await database.countFromIndex('plans', 'by-next-due', IDBKeyRange.upperBound('2030-01-10'))).to.equal(
      PLANS / 4,
    );
    expect(await database.get('settings', 'settings')).to.deep.equal({ tracking: true });
    database.close();
  });

  for (const [when, failing] of [
    [
      'after rewriting half the plans (asynchronously)',
      async (_db, tx) => {
        const plans = tx.objectStore('plans');
        const keys = await plans.getAllKeys();
        await Promise.all(keys.slice(0, keys.length / 2).map((k) => plans.delete(k)));
        await plans.put({ ...(await plans.get(keys.at(-1)!))!, product: 'changed' });
        throw new Error('step 3 broke');
      },
    ],
    [
      'synchronously, right after the v2 step created stores',
      () => {
        throw new Error('step 3 broke');
      },
    ],
  ] as [string, UpgradeStep][]) {
    // 2,000 plans here: the rollback is all or nothing whatever the count, and these tests share the machine.
    it(`leaves v1 and every record intact when a later step throws ${when}`, async () => {
      const before = await v1Fixture(FEWER);
      const broken = [...UPGRADES, failing];
      let error: unknown;
      try {
        (await openFenqiDB(NAME, broken)).close();
      } catch (e) {
        error = e;
      }
      expect((error as Error)?.message).to.equal('step 3 broke');
      const now = await raw();
      expect(now.version).to.equal(1);
      expect(now.stores).to.have.members(['plans', 'settings']);
      expect(now.planIndexes).to.have.members(['by-origin', 'by-next-due']);
      expect(now.plans.length).to.equal(FEWER);
      expect(now.plans).to.deep.equal(inKeyOrder(before));
      expect(now.settings).to.deep.equal({ tracking: true });
      // And the real upgrade still works afterwards.
      const database = track(await openFenqiDB(NAME));
      expect(await database.count('plans')).to.equal(FEWER);
      database.close();
    });
  }
});
