/**
 * Kysely's SQLite dialect, driven through the process's SqliteGate: Kysely takes its turn on the
 * connection like every other caller, transactions take the write lock up front (BEGIN
 * IMMEDIATE: a deferred BEGIN that reads first cannot wait for another process's writer and fails
 * with "database is locked"), and DDL runs inside the migration's transaction.
 */
import type Database from 'better-sqlite3';
import {
  CompiledQuery as Compiled,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { SqliteGate } from './sqlite-gate.ts';
import { type Prepare, statementCache } from './statement-cache.ts';

/** Prepared statements kept per SQL text (Kysely's own driver prepares every query anew). */
const STATEMENTS = 256;

export class GatedSqliteDialect implements Dialect {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly gate: SqliteGate,
  ) {}

  createDriver(): Driver {
    return new GatedSqliteDriver(this.sqlite, this.gate);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/**
 * SQLite runs DDL inside transactions, but Kysely's SqliteAdapter says it cannot, so its migrator
 * would apply migrations unprotected: a crash mid-migration would leave a half-built schema that
 * every later start trips over. Declaring transactional DDL makes a migration run all or nothing.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class GatedSqliteDriver implements Driver {
  private readonly connection: GatedConnection;
  private readonly releases = new Map<DatabaseConnection, () => void>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly gate: SqliteGate,
  ) {
    this.connection = new GatedConnection(sqlite, gate);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.gate.acquire();
    this.releases.set(this.connection, release);
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    await this.gate.retryBusy(() => this.sqlite.exec('BEGIN IMMEDIATE'));
  }

  async commitTransaction(): Promise<void> {
    this.sqlite.exec('COMMIT');
  }

  async rollbackTransaction(): Promise<void> {
    if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(Compiled.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(Compiled.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(Compiled.raw(`release "${name}"`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.releases.get(connection);
    this.releases.delete(connection);
    release?.();
  }

  async destroy(): Promise<void> {
    this.sqlite.close();
  }
}

class GatedConnection implements DatabaseConnection {
  private readonly prepare: Prepare;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly gate: SqliteGate,
  ) {
    // Kysely's own cache: its statements are used plainly, the search path's plucked or raw.
    this.prepare = statementCache(sqlite, STATEMENTS);
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    // Outside a transaction a statement runs on its own and may meet another process's writer;
    // retrying it then is safe (SQLITE_BUSY means it changed nothing).
    const run = <T>(fn: () => T): T | Promise<T> =>
      this.sqlite.inTransaction ? fn() : this.gate.retryBusy(fn);
    if (statement.reader) {
      return { rows: (await run(() => statement.all(parameters))) as R[] };
    }
    const { changes, lastInsertRowid } = await run(() => statement.run(parameters));
    return {
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) {
      throw new Error('the SQLite driver streams select queries only');
    }
    const statement = this.prepare(compiled.sql);
    for (const row of statement.iterate(compiled.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }
}
