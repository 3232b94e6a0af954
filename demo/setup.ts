/**
 * The data a new database starts with: the seed, or, for a store that ran an earlier demo version, the
 * plans of its `store.json` (imported once, in one transaction, then renamed `store.json.imported`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Fen, IsoDate, PaymentMethod, Plan } from '../shared/plan.js';
import type { Database, Sql } from './db.js';
import { hashPassword } from './orders.js';
import { DEMO_PAYMENT_PASSWORDS, seedData, SHOPPERS } from './seed.js';
import { insertPlan, insertRepayment, insertShopper, markSetupStep, type RepaymentRecord } from './store.js';

/** What the JSON-file demo store (before the database) kept in `store.json`. */
interface StoreJson {
  version: 1 | 2;
  plans: Plan[];
  paymentMethods: PaymentMethod[];
  repayments?: (Omit<RepaymentRecord, 'request'> & {
    request: { installments: number[] | null; payoff: boolean; methodId: string; expectedTotal?: Fen };
  })[];
  nextOrder: number;
  nextRepayment?: number;
}

function readStoreJson(file: string, text: string): StoreJson {
  let data: StoreJson;
  try {
    data = JSON.parse(text) as StoreJson;
  } catch (error) {
    throw new Error(`${file} is not readable JSON (${(error as Error).message}); move it away to start from the seed`, {
      cause: error,
    });
  }
  if (
    (data?.version !== 1 && data?.version !== 2) ||
    !Array.isArray(data.plans) ||
    !Array.isArray(data.paymentMethods)
  ) {
    throw new Error(`${file} is not demo store data; move it away to start from the seed`);
  }
  return data;
}

async function seed(sql: Sql, today: IsoDate): Promise<void> {
  for (const { shopper, methods, plans } of seedData(today)) {
    await insertShopper(sql, shopper, methods);
    // Inserted oldest first: the list shows the newest first.
    for (const plan of [...plans].reverse()) await insertPlan(sql, shopper.id, plan);
  }
}

/** The old file had one shopper and no shoppers table: its plans and methods become the first shopper's. */
async function importStoreJson(sql: Sql, data: StoreJson, today: IsoDate): Promise<void> {
  const [first, ...others] = seedData(today);
  await insertShopper(sql, first!.shopper, data.paymentMethods);
  for (const plan of [...data.plans].reverse()) await insertPlan(sql, first!.shopper.id, plan);
  for (const r of data.repayments ?? []) await insertRepayment(sql, r);
  await sql.query("SELECT setval('order_numbers', $1, false)", [data.nextOrder]);
  await sql.query("SELECT setval('repayment_numbers', $1, false)", [data.nextRepayment ?? 1]);
  // The other demo shoppers did not exist in the file: they start from the seed.
  for (const { shopper, methods, plans } of others) {
    await insertShopper(sql, shopper, methods);
    for (const plan of [...plans].reverse()) await insertPlan(sql, shopper.id, plan);
  }
}

/** Seeds a new database, or imports `dataDir/store.json` into it; does nothing to a database that has data. */
export async function prepareData(
  db: Database,
  { dataDir, today, log }: { dataDir: string; today: IsoDate; log: (line: string) => void },
): Promise<void> {
  const file = join(dataDir, 'store.json');
  const text = existsSync(file) ? readFileSync(file) : null;
  const old = text ? readStoreJson(file, text.toString('utf8')) : null;
  // The import is recorded with the file's hash, so a start that stopped after the import committed (and before
  // the file was renamed) can tell that file from a new one.
  const step = text ? `import:store.json:${createHash('sha256').update(text).digest('hex')}` : '';
  const done = await db.transaction(async (sql) => {
    // Only one process sets a database up; the others find the step done.
    if (!(await markSetupStep(sql, 'first-run'))) {
      if (!old) return 'exists';
      const { rows } = await sql.query('SELECT 1 FROM setup_steps WHERE name = $1', [step]);
      return rows.length ? 'imported-before' : 'exists';
    }
    if (old) {
      await importStoreJson(sql, old, today);
      await markSetupStep(sql, step);
      return 'imported';
    }
    await seed(sql, today);
    return 'seeded';
  });
  if (done === 'seeded') log(`database: seeded ${SHOPPERS.length} demo shoppers`);
  await setPaymentPasswords(db);
  if (!old) return;
  if (done === 'exists') {
    log(`database: ${file} left alone: the database already had data when it appeared`);
    return;
  }
  if (done === 'imported') log(`database: imported ${old.plans.length} plans from ${file}`);
  renameSync(file, `${file}.imported`);
}

/** Gives the demo shoppers without one their payment password (a new database, or one from before orders). */
async function setPaymentPasswords(db: Database): Promise<void> {
  const missing = await db.transaction(async (sql) => {
    const { rows } = await sql.query<{ id: string }>('SELECT id FROM shoppers WHERE payment_password IS NULL');
    return rows.map((r) => r.id).filter((id) => DEMO_PAYMENT_PASSWORDS[id]);
  });
  for (const id of missing) {
    const hash = await hashPassword(DEMO_PAYMENT_PASSWORDS[id]!);
    // Another process may have set it meanwhile: the first one stays.
    await db.transaction((sql) =>
      sql.query('UPDATE shoppers SET payment_password = $2 WHERE id = $1 AND payment_password IS NULL', [id, hash]),
    );
  }
}
