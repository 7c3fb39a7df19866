import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';

/** Where the client gets its JWT: a fixed token, or a function asked again on every use. */
export interface TokenSource {
  token?: string | undefined;
  getToken?: (() => string | Promise<string>) | undefined;
}

/** The token to send now, or undefined when none is configured (the server then answers TOKEN_MISSING). */
export async function resolveToken(source: TokenSource): Promise<string | undefined> {
  if (!source.getToken) return source.token;
  let token: unknown;
  try {
    token = await source.getToken();
  } catch (cause) {
    throw new LiveProgressClientError(
      'TOKEN_UNAVAILABLE',
      DEV ? 'getToken() threw: the client will retry with backoff; check your auth provider' : seeDocs('TOKEN_UNAVAILABLE', 'client.md#errors'),
      {
        cause,
      },
    );
  }
  if (typeof token !== 'string' || token.length === 0) {
    throw new LiveProgressClientError(
      'TOKEN_UNAVAILABLE',
      DEV ? 'getToken() must resolve to a non-empty JWT string' : seeDocs('TOKEN_UNAVAILABLE', 'client.md#errors'),
      { details: token },
    );
  }
  return token;
}
