/**
 * The two ends of `paperboy store copy`: to a PostgreSQL database from the configured store, or
 * from a PostgreSQL database back into the SQLite file in the data dir.
 */
import { join } from 'node:path';
import { openSqliteStore, openStore, type Store } from '../adapters/db/connect.ts';
import { KyselyCopyEnd } from '../adapters/db/copy/kysely-copy-end.ts';
import { openPostgresStore, redactUrl } from '../adapters/db/postgres/postgres-store.ts';
import type { Config } from '../config.ts';
import { storeLocation } from '../container.ts';
import { createError } from '../core/errors.ts';
import type { CopyEnd, CopyTarget } from '../core/store/copy-ports.ts';

export type CopyDirection = { to: string } | { from: string };

export interface StoreCopyEnds {
  source: CopyEnd;
  target: CopyTarget;
  close(): Promise<void>;
}

export async function openStoreCopy(
  config: Config,
  direction: CopyDirection,
): Promise<StoreCopyEnds> {
  const url = 'to' in direction ? direction.to : direction.from;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw createError(
      'invalid_input',
      `${redactUrl(url)} is not a PostgreSQL URL; use postgres://user@host:5432/database`,
    );
  }
  const opened: Store[] = [];
  const close = async () => {
    for (const store of opened.reverse()) await store.close();
  };
  try {
    if ('to' in direction) {
      if (config.databaseUrl === url) {
        throw createError('invalid_input', 'the store cannot be copied onto itself');
      }
      const source = await openStore(storeLocation(config));
      opened.push(source);
      const target = await openPostgresStore(url, { poolSize: 2 });
      opened.push(target);
      return { source: new KyselyCopyEnd(source), target: new KyselyCopyEnd(target), close };
    }
    const source = await openPostgresStore(url, { poolSize: 2 });
    opened.push(source);
    const target = openSqliteStore(config.databasePath);
    opened.push(target);
    return {
      source: new KyselyCopyEnd(source),
      target: new KyselyCopyEnd(target, { vectorsDir: join(config.dataDir, 'vectors') }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
