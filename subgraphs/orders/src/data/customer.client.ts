import { z } from 'zod';
import type { CustomerDirectory } from '../domain/ports.js';
import { internalCall } from './internal-http.js';

const Me = z.object({ data: z.object({ me: z.object({ id: z.string(), email: z.string() }).nullable() }) });

/**
 * Reads a signed-in customer's email from the users subgraph, asking as the customer:
 * their own token, forwarded with an internal proof as the router does.
 */
export class UsersCustomerDirectory implements CustomerDirectory {
  constructor(
    private readonly graphqlUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 3_000,
  ) {}

  async emailOf(request: { customerId: string; authorization: string }): Promise<string | null> {
    const { status, body } = await internalCall('users', this.secret, this.graphqlUrl, {
      method: 'POST',
      body: { query: '{ me { id email } }' },
      authorization: request.authorization,
      timeoutMs: this.timeoutMs,
    });
    const parsed = Me.safeParse(body);
    if (status !== 200 || !parsed.success || parsed.data.data.me?.id !== request.customerId) return null;
    return parsed.data.data.me.email;
  }
}
