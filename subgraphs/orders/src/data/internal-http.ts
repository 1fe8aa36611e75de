import { randomUUID } from 'node:crypto';
import { internalCallHeaders } from '@storegraph/auth';
import { currentRequestId } from '@storegraph/logger';
import { type HttpAnswer, httpRequest } from '@storegraph/service';

export class InternalCallError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    message: string,
  ) {
    super(`${service}: ${message}`);
    this.name = 'InternalCallError';
  }
}

/** A JSON call to another Storegraph service, signed with the internal proof, with a timeout (on node:http keep-alive sockets). */
export async function internalCall(
  service: string,
  secret: string,
  url: string,
  init: { method: string; body?: unknown; timeoutMs: number; authorization?: string },
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    ...internalCallHeaders(secret, {
      requestId: currentRequestId() ?? randomUUID(),
      clientIp: '',
      authorization: init.authorization,
    }),
    ...(init.authorization ? { authorization: init.authorization } : {}),
    ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  let response: HttpAnswer;
  try {
    response = await httpRequest(url, {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      timeoutMs: init.timeoutMs,
    });
  } catch (error) {
    throw new InternalCallError(service, 0, `unreachable (${(error as Error).name})`);
  }
  let body: unknown = null;
  try {
    body = response.body ? JSON.parse(response.body) : null;
  } catch {
    throw new InternalCallError(service, response.status, 'answered something that is not JSON');
  }
  if (response.status >= 500) throw new InternalCallError(service, response.status, 'failed');
  return { status: response.status, body };
}
