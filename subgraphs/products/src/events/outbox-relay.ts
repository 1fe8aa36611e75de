/** The catalog's outbox relay is the shared one (every service's outbox has the same table). */
export { OutboxRelay, type OutboxRelayOptions } from '@storegraph/events';
