// CPU time the stack's processes spent (user + system, from /proc), so that a run on a
// busy machine still says what each checkout costs, whatever share of the cores it got.
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ on Linux

/** The fields of /proc/PID/stat after the command name (which may contain spaces), with the name. */
function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return {
    comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
    fields: text.slice(text.lastIndexOf(')') + 2).split(' '),
  };
}

const ms = (ticks) => (ticks * 1000) / ticksPerSecond;

/** CPU milliseconds used so far by each named process, or null where /proc cannot be read. */
export function cpuMs(children) {
  const out = {};
  for (const [name, pid] of children) {
    try {
      const { fields } = stat(pid);
      out[name] = ms(Number(fields[11]) + Number(fields[12]));
    } catch {
      out[name] = null;
    }
  }
  return out;
}

/**
 * CPU milliseconds used so far by the machine's shared servers, by command name: Postgres
 * (every backend, plus what backends that exited left in the postmaster's children's
 * time), RabbitMQ's Erlang VM and Redis. With the bench's own process and the whole
 * machine's busy time, it says where the cores went, not only the stack's share.
 */
export function serverCpuMs() {
  const out = { postgres: 0, rabbitmq: 0, redis: 0 };
  const group = (comm) =>
    comm.startsWith('postgres')
      ? 'postgres'
      : comm === 'beam.smp'
        ? 'rabbitmq'
        : comm === 'redis-server'
          ? 'redis'
          : null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { comm, fields } = stat(entry);
      const name = group(comm);
      if (!name) continue;
      out[name] += ms(Number(fields[11]) + Number(fields[12]));
      // The postmaster (its parent is not a postgres process) also holds its exited backends' time.
      if (name === 'postgres' && !group(stat(fields[1]).comm)) out[name] += ms(Number(fields[13]) + Number(fields[14]));
    } catch {
      // The process exited while being read.
    }
  }
  return out;
}

/** This process's CPU milliseconds so far (the load generator). */
export function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The whole machine's busy CPU milliseconds so far (all cores; every state but idle and iowait). */
export function machineBusyMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return ms(user + nice + system + irq + softirq + steal);
}

export function cpuDelta(before, after) {
  const out = {};
  for (const name of Object.keys(before)) {
    out[name] = before[name] === null || after[name] === null ? null : after[name] - before[name];
  }
  return out;
}
