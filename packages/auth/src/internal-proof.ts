import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Headers an internal caller (the router, or a subgraph calling another) sends with a signed proof. */
export const INTERNAL_HEADERS = {
  proof: 'x-storegraph-proof',
  clientIp: 'x-storegraph-client-ip',
  requestId: 'x-request-id',
} as const;

export interface ProofSubject {
  requestId: string;
  /** The end client's address as the router saw it; empty for calls with no client. */
  clientIp: string;
  /** The Authorization header forwarded with the call, if any. */
  authorization: string | undefined;
}

function message(version: string, timestamp: number, subject: ProofSubject): string {
  const authorization = createHash('sha256')
    .update(subject.authorization ?? '')
    .digest('hex');
  return `${version}\n${timestamp}\n${subject.requestId}\n${subject.clientIp}\n${authorization}`;
}

/**
 * Proof that a call comes from inside Storegraph: an HMAC, under the shared internal
 * secret, of the time, the request id, the client address and the forwarded
 * Authorization header. A client cannot make one, and one seen on the wire cannot be
 * reused with another token or after a minute.
 */
export function signInternalProof(secret: string, subject: ProofSubject, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  const signature = createHmac('sha256', secret)
    .update(message('v1', timestamp, subject))
    .digest('hex');
  return `v1.${timestamp}.${signature}`;
}

export function verifyInternalProof(
  secret: string,
  proof: string | undefined,
  subject: ProofSubject,
  options: { maxSkewSeconds?: number; now?: number } = {},
): boolean {
  const match = /^v1\.(\d{1,12})\.([0-9a-f]{64})$/.exec(proof ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.maxSkewSeconds ?? 60)) return false;
  const expected = createHmac('sha256', secret)
    .update(message('v1', timestamp, subject))
    .digest();
  const given = Buffer.from(match[2] as string, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Headers for an internal call: request id, client address and their proof. */
export function internalCallHeaders(secret: string, subject: ProofSubject): Record<string, string> {
  return {
    [INTERNAL_HEADERS.requestId]: subject.requestId,
    [INTERNAL_HEADERS.clientIp]: subject.clientIp,
    [INTERNAL_HEADERS.proof]: signInternalProof(secret, subject),
  };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** True when an incoming request's headers carry a valid internal proof (for internal HTTP endpoints). */
export function isInternalRequest(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  options: { maxSkewSeconds?: number } = {},
): boolean {
  return verifyInternalProof(
    secret,
    first(headers[INTERNAL_HEADERS.proof]),
    {
      requestId: first(headers[INTERNAL_HEADERS.requestId]) ?? '',
      clientIp: first(headers[INTERNAL_HEADERS.clientIp]) ?? '',
      authorization: first(headers.authorization),
    },
    options,
  );
}

/**
 * Connect/Express middleware for internal HTTP endpoints: 401 `{ error: 'internal only' }`
 * unless the request carries a valid internal proof. Mount it before any body parser,
 * so an outsider's body is never read.
 */
export function internalOnly(secret: string) {
  return (
    req: { headers: Record<string, string | string[] | undefined> },
    res: { status(code: number): { json(body: unknown): unknown } },
    next: () => void,
  ): void => {
    if (isInternalRequest(secret, req.headers)) next();
    else res.status(401).json({ error: 'internal only' });
  };
}
