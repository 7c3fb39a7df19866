import { RATE_LIMITED_MESSAGE, RequestErrorCode } from '@liveprogress/protocol';
import jwt from 'jsonwebtoken';
import type { Socket } from 'socket.io';
import type { HandshakeLimiter } from './handshake-limiter.js';
import { userBucketKey } from './handshake-limiter.js';
import { handshakeToken } from './socket-auth.middleware.js';
import { socketUser } from './socket-user.js';

type Next = (err?: Error) => void;

/**
 * Runs before the token is verified: spends one of the client address's attempts, then
 * refuses a user whose bucket is empty. The user is read from the token's claims without
 * verifying it (decoding is cheap, verifying is what a storm would make us pay for); the
 * bucket is only spent by handshakeChargeMiddleware, once the token is verified.
 */
export function handshakeLimitMiddleware(limiter: HandshakeLimiter, options: { tenantClaim: string; allowQueryToken: boolean }) {
  return (socket: Socket, next: Next): void => {
    void (async () => {
      if (!(await limiter.admitAddress(socket.handshake.address))) {
        return next(rateLimited('Too many connection attempts from this address: retry after a pause'));
      }
      const claimed = unverifiedUser(handshakeToken(socket, options.allowQueryToken), options.tenantClaim);
      if (claimed && !(await limiter.userMayTry(claimed))) {
        return next(rateLimited('Too many connection attempts for this user: retry after a pause'));
      }
      next();
    })().catch(next);
  };
}

/** Runs after verification: spends one of the verified user's attempts. */
export function handshakeChargeMiddleware(limiter: HandshakeLimiter) {
  return (socket: Socket, next: Next): void => {
    const user = socketUser(socket);
    void limiter
      .chargeUser(userBucketKey(user.tenantId, user.userId))
      .then((ok) => next(ok ? undefined : rateLimited('Too many connection attempts for this user: retry after a pause')))
      .catch(next);
  };
}

/** The user bucket a token names, read without verifying it; undefined when it names none. */
function unverifiedUser(token: string | undefined, tenantClaim: string): string | undefined {
  if (!token) return undefined;
  let claims: unknown;
  try {
    claims = jwt.decode(token, { json: true });
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, [tenantClaim]: tenantId } = claims as Record<string, unknown>;
  return typeof sub === 'string' && typeof tenantId === 'string' ? userBucketKey(tenantId, sub) : undefined;
}

function rateLimited(message: string): Error {
  const error = new Error(RATE_LIMITED_MESSAGE) as Error & { data: unknown };
  error.data = { code: RequestErrorCode.RATE_LIMITED, message };
  return error;
}
