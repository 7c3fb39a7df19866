import { UNAUTHORIZED_MESSAGE } from '@liveprogress/protocol';
import type { Socket } from 'socket.io';
import { AuthRefusal } from '../auth/auth-refusal.js';
import { bearerToken } from '../auth/bearer-token.js';
import type { JwtVerifier } from '../auth/jwt-verifier.js';

/** The handshake's token: `auth.token`, then `Authorization: Bearer`, then `?token=` only when allowed. */
export function handshakeToken(socket: Socket, allowQueryToken: boolean): string | undefined {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  if (typeof auth?.token === 'string' && auth.token.length > 0) return auth.token;
  const fromHeader = bearerToken(socket.handshake.headers.authorization);
  if (fromHeader) return fromHeader;
  const fromQuery = socket.handshake.query.token;
  return allowQueryToken && typeof fromQuery === 'string' ? fromQuery : undefined;
}

/** Socket.IO middleware: refuses the connection with `unauthorized` and the contract's code in `err.data`. */
export function socketAuthMiddleware(verifier: JwtVerifier, allowQueryToken: boolean) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    try {
      socket.data.user = verifier.verify(handshakeToken(socket, allowQueryToken));
      next();
    } catch (err) {
      const refusal = err instanceof AuthRefusal ? err : new AuthRefusal('TOKEN_INVALID', 'The token could not be verified');
      const error = new Error(UNAUTHORIZED_MESSAGE) as Error & { data: unknown };
      error.data = { code: refusal.code, message: refusal.message };
      next(error);
    }
  };
}
