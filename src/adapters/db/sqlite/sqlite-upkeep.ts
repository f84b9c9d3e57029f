/**
 * Upkeep of the embedded store: refresh the search's term statistics, rebuild the
 * impact-ordered keyword index, update the planner's statistics (PRAGMA optimize) and checkpoint
 * the write-ahead log; and hold SQLite's automatic checkpoints while a mail's commit point runs
 * (they would otherwise run inside a commit now and then and hold it up for milliseconds).
 */
import type { Logger } from '../../../core/logger.ts';
import type { ProgressFactory } from '../../../core/progress.ts';
import type { StoreUpkeep } from '../../../core/store/ports.ts';
import type { SqliteSearchIndex } from '../../search/sqlite-search-index.ts';
import { checkpointIfIdle } from './checkpoint.ts';
import type { SqliteGate } from './sqlite-gate.ts';

const DAY_MS = 24 * 60 * 60_000;

export class SqliteUpkeep implements StoreUpkeep {
  constructor(
    private readonly gate: SqliteGate,
    private readonly search: SqliteSearchIndex,
    private readonly log: Logger,
  ) {}

  async optimize(progress?: ProgressFactory): Promise<void> {
    const terms = await this.search.refreshTermStats();
    const built = await this.search.buildImpacts(progress?.('keyword index', terms));
    if (built) this.log.info('keyword index built', { ...built });
    const checkpointed = await this.gate.run((sqlite) => {
      sqlite.pragma('optimize');
      return checkpointIfIdle(sqlite, 'TRUNCATE');
    });
    if (!checkpointed) {
      this.log.info('WAL checkpoint skipped: another process is busy; the automatic one follows');
    }
  }

  optimizeDue(now: Date): Promise<boolean> {
    return this.search.impactsDue(now, DAY_MS);
  }

  async holdHousekeeping(): Promise<() => Promise<void>> {
    const before = await this.gate.run(
      (sqlite) => sqlite.pragma('wal_autocheckpoint', { simple: true }) as number,
    );
    await this.gate.run((sqlite) => sqlite.pragma('wal_autocheckpoint = 0'));
    return async () => {
      await this.gate.run((sqlite) => {
        sqlite.pragma(`wal_autocheckpoint = ${Number(before) || 1000}`);
        checkpointIfIdle(sqlite, 'PASSIVE');
      });
    };
  }
}
