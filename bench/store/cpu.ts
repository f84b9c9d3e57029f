/**
 * CPU accounting for bench:store (Linux /proc): how much CPU a process used, and how busy the
 * whole machine was, during a measured phase — the figures mean little without it on a box
 * shared with others.
 */
import { readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

/** CPU seconds a process has used (user + system). */
export function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return 0;
  }
}

/** Busy and total CPU seconds of the whole machine since boot. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / TICK, total: total / TICK };
}

/** Runs `fn` and reports the CPU seconds of `pids` and the machine's busy share meanwhile. */
export async function withCpu<T>(
  pids: number[],
  fn: () => Promise<T>,
): Promise<{ result: T; cpu: number[]; machineBusy: number; self: number }> {
  const before = pids.map(processCpu);
  const m0 = machineCpu();
  const s0 = process.cpuUsage();
  const result = await fn();
  const s1 = process.cpuUsage(s0);
  const m1 = machineCpu();
  return {
    result,
    cpu: pids.map((p, i) => processCpu(p) - (before[i] ?? 0)),
    machineBusy: (m1.busy - m0.busy) / Math.max(0.001, m1.total - m0.total),
    self: (s1.user + s1.system) / 1e6,
  };
}
