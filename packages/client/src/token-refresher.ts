import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';
import { decodeJwtExpiry } from './jwt-expiry.js';
import { computeRefreshDelay } from './refresh-delay.js';
import { resolveToken, type TokenSource } from './token-source.js';

/** What a connection gives its token refresher: where tokens come from, and how to hand one to the server. */
export interface TokenRefresherDeps {
  refreshBeforeMs: number;
  /** Only a getToken source can refresh; with a fixed token the refresher stays idle. */
  source: TokenSource;
  /** Sends `auth.refresh` and resolves once the server accepted the token (and the connection took it). */
  refresh: (token: string) => Promise<void>;
  onError: (error: LiveProgressClientError) => void;
}

/** Sends `auth.refresh` shortly before the connected token expires, so the server never has to drop the socket. */
export class TokenRefresher {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;

  readonly #deps: TokenRefresherDeps;

  constructor(deps: TokenRefresherDeps) {
    this.#deps = deps;
  }

  start(token: string | undefined): void {
    this.stop();
    if (!token || !this.#deps.source.getToken) return;
    const expiresAt = decodeJwtExpiry(token);
    if (expiresAt === null) return;
    const generation = this.#generation;
    const delay = computeRefreshDelay(expiresAt, Date.now(), this.#deps.refreshBeforeMs);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run(token, expiresAt, generation);
    }, delay);
  }

  stop(): void {
    this.#generation += 1;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #run(current: string, expiresAt: number, generation: number): Promise<void> {
    try {
      const next = await resolveToken(this.#deps.source);
      if (generation !== this.#generation) return;
      const nextExpiry = next ? decodeJwtExpiry(next) : null;
      // A token that lives no longer than the current one would only schedule another refresh at once.
      if (!next || next === current || (nextExpiry !== null && nextExpiry <= expiresAt)) {
        throw new LiveProgressClientError(
          'TOKEN_UNAVAILABLE',
          DEV
            ? 'getToken() returned no newer token before expiry: the server will expire the socket and the client will reconnect with a fresh one'
            : seeDocs('TOKEN_UNAVAILABLE', 'client.md#errors'),
        );
      }
      await this.#deps.refresh(next);
      if (generation !== this.#generation) return;
      this.start(next);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#deps.onError(error instanceof LiveProgressClientError ? error : new LiveProgressClientError('INTERNAL', 'auth.refresh failed', { cause: error }));
    }
  }
}
