/** Throw-away stores for unit tests (fake-indexeddb): every store opened is closed and deleted after its test. */
import { Dexie, type DBCore, type Middleware } from 'dexie';
import { afterEach } from 'vitest';
import { GuardDb } from '../../src/store/db';

export interface TestDbOptions {
  /** Reuse a name to open the same database again (a second tab); a fresh name by default. */
  name?: string;
  middleware?: Middleware<DBCore>[];
}

/** Registers the clean-up for this test file and returns the opener. */
export function useTestDbs(prefix: string): (options?: TestDbOptions) => GuardDb {
  const dbs: GuardDb[] = [];
  afterEach(async () => {
    const opened = dbs.splice(0);
    for (const db of opened) db.close();
    for (const name of new Set(opened.map((db) => db.name))) await Dexie.delete(name);
  });
  return ({ name = `${prefix}-${crypto.randomUUID()}`, middleware = [] } = {}) => {
    const db = new GuardDb(name);
    for (const m of middleware) db.use(m);
    dbs.push(db);
    return db;
  };
}

/** A middleware whose writes to a table fail as a full disk does while `full(table)` says so (asked once per write). */
export function quotaWhen(full: (table: string) => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return {
          ...table,
          mutate: (req) =>
            full(tableName) ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : table.mutate(req),
        };
      },
    }),
  };
}
