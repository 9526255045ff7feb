import { openDB, type IDBPDatabase } from 'idb';
import { REFRESH_TOKEN_DB } from '../schemas';

/**
 * The refresh token outlives a browser restart, so it can't live in storage.session; storage.local is readable by
 * content scripts, so it lives in the extension origin's own IndexedDB, which no page or content script can open.
 */
export interface RefreshTokenStore {
  get(): Promise<string | undefined>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

export function createRefreshTokenStore(): RefreshTokenStore {
  let database: Promise<IDBPDatabase> | undefined;
  const open = () => {
    database ??= openDB(REFRESH_TOKEN_DB.name, 1, {
      upgrade(db) {
        db.createObjectStore(REFRESH_TOKEN_DB.store);
      },
    });
    return database;
  };
  return {
    async get() {
      const value: unknown = await (await open()).get(REFRESH_TOKEN_DB.store, REFRESH_TOKEN_DB.key);
      return typeof value === 'string' && value !== '' ? value : undefined;
    },
    async set(token) {
      await (await open()).put(REFRESH_TOKEN_DB.store, token, REFRESH_TOKEN_DB.key);
    },
    async clear() {
      await (await open()).delete(REFRESH_TOKEN_DB.store, REFRESH_TOKEN_DB.key);
    },
  };
}
