// Types of stack.mjs for the TypeScript tests that drive it.
import type { ChildProcess } from 'node:child_process';

export declare const PROCESSES: Array<{
  name: string;
  dir: string;
  port: number;
  database?: string;
  metricsPort?: number;
}>;
export declare class StackError extends Error {}
export declare function preparePostgres(options: {
  url?: string;
  log: (m: string) => void;
}): Promise<{ serverUrl: string; stop(): Promise<void> }>;
export declare function checkRedis(url: string): Promise<void>;
export declare function prepareDatabases(options: {
  serverUrl: string;
  prefix: string;
  env: Record<string, string | undefined>;
}): Promise<Record<string, string>>;
export declare function seed(options: {
  databases: Record<string, string>;
  products: number;
  admin: { email: string; password: string };
  log: (m: string) => void;
}): Promise<void>;
/** A port offset for a test's own stack, below the ephemeral port range; lane 0-3 keeps suites apart. */
export declare function testPortOffset(lane: number): number;
export declare function launch(options: {
  databases: Record<string, string>;
  redisUrl: string;
  redisPrefix: string;
  portOffset?: number;
  logLevel?: string;
  print?: (line: string) => void;
  /** Names of the processes to start (default: all of them). */
  only?: string[];
  /** Variables per process name, over the stack's own. */
  env?: Record<string, Record<string, string>>;
  /** Node options per process name (e.g. --cpu-prof), before the entry script. */
  nodeArgs?: Record<string, string[]>;
}): Promise<{
  urls: Record<string, string>;
  /** Each process's Prometheus endpoint (its admin port), by process name. */
  metricsUrls: Record<string, string>;
  children: ChildProcess[];
  stop(): Promise<void>;
}>;
