/**
 * A name for this process as holder of a lock: `<host>:<pid>:<random>`. The digest ledger reads
 * the host and pid back to take over a lock whose holder died on this machine.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export function lockOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
