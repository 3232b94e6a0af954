/**
 * The demo store's database: one JSON file, replaced atomically (write a temp file, fsync, rename),
 * so a crash or a failed request never leaves half a write behind.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PaymentMethod, Plan } from '../shared/plan.js';

export interface StoreData {
  version: 1;
  plans: Plan[];
  paymentMethods: PaymentMethod[];
  nextOrder: number;
}

export class JsonStore {
  readonly file: string;
  #data: StoreData;

  constructor(dir: string, seed: () => StoreData) {
    this.file = join(dir, 'store.json');
    mkdirSync(dirname(this.file), { recursive: true });
    let loaded: StoreData | undefined;
    try {
      loaded = JSON.parse(readFileSync(this.file, 'utf8')) as StoreData;
    } catch {
      loaded = undefined;
    }
    this.#data = loaded?.version === 1 ? loaded : seed();
    if (!loaded) this.#write(this.#data);
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
