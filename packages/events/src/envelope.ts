import { z } from 'zod';

/**
 * What travels on a queue: an event with its identity (`id`, the job id too), when it
 * happened and the aggregate it is about. Consumers dedupe by `id` (or by the aggregate).
 */
export const eventEnvelope = <Event extends z.ZodType>(event: Event) =>
  z.object({
    id: z.string().uuid(),
    occurredAt: z.string(),
    aggregateId: z.string().uuid(),
    event,
  });
