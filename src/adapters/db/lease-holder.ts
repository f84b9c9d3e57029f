/**
 * Whether the process named in a lease or lock owner (`<host>:<pid>:<random>`) may still be
 * running: on another host we cannot tell (the lease's expiry decides); on this host a pid that
 * no longer exists means the holder died (a crash, a SIGKILL), so its lease can be taken at once.
 * Hostnames must tell machines apart (containers sharing one hostname would misjudge each other).
 */
import { hostname } from 'node:os';

export function holderMayBeAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
