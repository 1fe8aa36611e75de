import { createLogger, type Logger } from '@storegraph/logger';

/** A real logger that writes nothing unless TEST_LOG_LEVEL asks for it. */
export function silentLogger(service = 'test'): Logger {
  return createLogger(service, { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
