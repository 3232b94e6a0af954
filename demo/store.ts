/**
 * The demo store's database: one JSON file, replaced atomically (write a temp file, fsync, rename),
 * so a crash or a failed request never leaves half a write behind.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Repayment } from '../shared/merchant-api.js';
import type { Fen, PaymentMethod, Plan } from '../shared/plan.js';

/** One accepted repayment, kept so a retried request (same `requestId`) is answered, not charged twice. */
export interface RepaymentRecord extends Repayment {
  planId: string;
  requestId: string | null;
  /** The request as received, to tell a retry from a different request reusing the id. */
  request: { installments: number[] | null; payoff: boolean; methodId: string; expectedTotal?: Fen };
}

export interface StoreData {
  version: 2;
  plans: Plan[];
  paymentMethods: PaymentMethod[];
  repayments: RepaymentRecord[];
  nextOrder: number;
  nextRepayment: number;
}

/** Brings data written by an older demo store up to the current version. */
function migrate(data: unknown): StoreData | undefined {
  const d = data as { version?: number } & Record<string, unknown>;
  if (d?.version === 1)
    return { ...(d as unknown as Omit<StoreData, 'version'>), version: 2, repayments: [], nextRepayment: 1 };
  if (d?.version === 2) return d as unknown as StoreData;
  return undefined;
}

export class JsonStore {
  readonly file: string;
  #data: StoreData;

  constructor(dir: string, seed: () => StoreData) {
    this.file = join(dir, 'store.json');
    mkdirSync(dirname(this.file), { recursive: true });
    let text: string | undefined;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) {
      this.#data = seed();
      this.#write(this.#data);
    } else {
      // A file we cannot read is the shopper's data: refuse to start rather than seed over it.
      let loaded: StoreData | undefined;
      try {
        loaded = migrate(JSON.parse(text));
      } catch {
        loaded = undefined;
      }
      if (!loaded) throw new Error(`${this.file} is not demo store data; move it away to start from the seed`);
      this.#data = loaded;
    }
  }

  /** A deep copy: callers cannot change stored data except through `update`. */
  read(): StoreData {
    return structuredClone(this.#data);
  }

  /** Applies `change` to a copy and persists it; if `change` throws, nothing is written. */
  update<T>(change: (draft: StoreData) => T): T {
    const draft = this.read();
    const result = change(draft);
    this.#write(draft);
    this.#data = draft;
    return result;
  }

  #write(data: StoreData): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, JSON.stringify(data, null, 1));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
