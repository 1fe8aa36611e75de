// CPU time the stack's processes spent (user + system, from /proc), so that a run on a
// busy machine still says what each checkout costs, whatever share of the cores it got.
import { readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ on Linux

/** CPU milliseconds used so far by each named process, or null where /proc cannot be read. */
export function cpuMs(children) {
  const out = {};
  for (const [name, pid] of children) {
    try {
      // Fields after the command name (which may contain spaces) start at the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[name] = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      out[name] = null;
    }
  }
  return out;
}

export function cpuDelta(before, after) {
  const out = {};
  for (const name of Object.keys(before)) {
    out[name] = before[name] === null || after[name] === null ? null : after[name] - before[name];
  }
  return out;
}
