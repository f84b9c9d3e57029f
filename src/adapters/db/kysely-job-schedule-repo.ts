/**
 * JobScheduleRepo over Kysely (SQLite and PostgreSQL). Claims are conditional UPDATEs, so the
 * database decides which worker wins; a lease whose holder died on this host (a killed worker) is
 * taken over at once instead of after its expiry.
 */
import type { Kysely, Selectable } from 'kysely';
import type { JobSchedule } from '../../core/jobs/model.ts';
import type { JobScheduleRepo } from '../../core/jobs/ports.ts';
import { holderMayBeAlive } from './lease-holder.ts';
import { fromRow } from './row-mapping.ts';
import type { Database, JobSchedulesTable } from './schema.ts';

export class KyselyJobScheduleRepo implements JobScheduleRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async register(names: string[], firstRunAt: Date): Promise<void> {
    if (names.length === 0) return;
    await this.db
      .insertInto('job_schedules')
      .values(
        names.map((name) => ({ name, next_run_at: firstRunAt.toISOString(), error_count: 0 })),
      )
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  async claim(name: string, owner: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const at = now.toISOString();
    const taken = {
      lease_owner: owner,
      lease_until: leaseUntil.toISOString(),
      last_started_at: at,
    };
    const result = await this.db
      .updateTable('job_schedules')
      .set(taken)
      .where('name', '=', name)
      .where('next_run_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return true;
    const held = await this.db
      .selectFrom('job_schedules')
      .select(['lease_owner', 'lease_until'])
      .where('name', '=', name)
      .where('next_run_at', '<=', at)
      .executeTakeFirst();
    if (!held?.lease_owner || !held.lease_until || holderMayBeAlive(held.lease_owner)) return false;
    // Only if the dead holder still has it: of two workers taking over at once, one wins.
    const takeover = await this.db
      .updateTable('job_schedules')
      .set(taken)
      .where('name', '=', name)
      .where('lease_owner', '=', held.lease_owner)
      .where('lease_until', '=', held.lease_until)
      .executeTakeFirst();
    return Number(takeover.numUpdatedRows) === 1;
  }

  async renew(name: string, owner: string, leaseUntil: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('job_schedules')
      .set({ lease_until: leaseUntil.toISOString() })
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async succeed(name: string, owner: string, now: Date, nextRunAt: Date): Promise<void> {
    await this.db
      .updateTable('job_schedules')
      .set({
        next_run_at: nextRunAt.toISOString(),
        last_success_at: now.toISOString(),
        last_error: null,
        error_count: 0,
        lease_owner: null,
        lease_until: null,
      })
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async fail(name: string, owner: string, error: string, nextRunAt: Date): Promise<void> {
    await this.db
      .updateTable('job_schedules')
      .set((eb) => ({
        next_run_at: nextRunAt.toISOString(),
        last_error: error.slice(0, 2000),
        error_count: eb('error_count', '+', 1),
        lease_owner: null,
        lease_until: null,
      }))
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async trigger(name: string, now: Date): Promise<void> {
    await this.db
      .updateTable('job_schedules')
      .set({ next_run_at: now.toISOString() })
      .where('name', '=', name)
      .execute();
  }

  async list(): Promise<JobSchedule[]> {
    const rows = await this.db.selectFrom('job_schedules').selectAll().orderBy('name').execute();
    return rows.map(toSchedule);
  }

  async get(name: string): Promise<JobSchedule | null> {
    const row = await this.db
      .selectFrom('job_schedules')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toSchedule(row) : null;
  }
}

const toSchedule = fromRow<JobSchedule, Selectable<JobSchedulesTable>>();
