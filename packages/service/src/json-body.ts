import { AsyncResource } from 'node:async_hooks';
import express, { type RequestHandler } from 'express';

/** `application/json`, alone or with a UTF-8 charset: what every GraphQL client sends. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** JSON's whitespace (space, tab, line feed, carriage return) only: not \s, which takes more. */
const FIRST_CHAR = /^[ \t\n\r]*([^ \t\n\r])/;

/** An error the way body-parser reports one, so the service's error handler answers both alike. */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/**
 * Parses a JSON request body into `req.body`, with express.json()'s rules (strict: an
 * object or an array; an empty body is `{}` (left to express.json()); over `limit` bytes is 413; malformed is
 * 400, both through `next(error)`), at a fraction of its cost for the request every
 * GraphQL client sends: `application/json` (UTF-8), not compressed, with a
 * Content-Length within the limit. That one is read here; anything else (another
 * charset or `+json` type, Content-Encoding, chunked, no body, over the limit) goes to
 * express.json() itself. body-parser's content-type, charset and stream machinery was
 * several per cent of the router's CPU per request.
 */
export function jsonBody(options: {
  limit: number;
  /** What takes the other requests (express.json() with the same limit unless given). */
  otherwise?: RequestHandler;
}): RequestHandler {
  const fallback = options.otherwise ?? express.json({ limit: options.limit });
  return (req, res, next) => {
    const { headers } = req;
    const declared = headers['content-length'];
    const length = declared === undefined ? Number.NaN : Number(declared);
    const encoding = headers['content-encoding'];
    if (
      req.readableEnded ||
      !(length > 0 && length <= options.limit) ||
      headers['transfer-encoding'] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
      !PLAIN_JSON.test(headers['content-type'] ?? '')
    ) {
      fallback(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    // The body's events run outside the request's async context; the handlers after
    // this one must run in it (its request id, its span), as raw-body arranges too.
    // (AsyncResource.bind would also define two deprecated getters on every bound function.)
    const scope = new AsyncResource('storegraph.jsonBody');
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onAborted);
      scope.runInAsyncScope(next, undefined, error);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    };
    // The client went away mid-body: the request closes before its end. (Node emits a
    // request's 'error' only to listeners; without one, its close is the signal.)
    const onAborted = () => finish(bodyError(400, 'request.aborted', 'request aborted'));
    const onEnd = () => {
      if (received !== length) {
        finish(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
        return;
      }
      let text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received)).toString('utf8');
      // body-parser decodes through iconv-lite, which drops a byte order mark.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      // Strict, as body-parser: an object or an array (whitespace alone is refused too).
      const first = FIRST_CHAR.exec(text)?.[1];
      if (first !== '{' && first !== '[') {
        finish(bodyError(400, 'entity.parse.failed', 'the body is not a JSON object or array'));
        return;
      }
      try {
        req.body = JSON.parse(text);
      } catch (error) {
        finish(Object.assign(error as Error, { status: 400, statusCode: 400, type: 'entity.parse.failed' }));
        return;
      }
      finish();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onAborted);
  };
}
