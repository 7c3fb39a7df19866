/**
 * The signed-in demo user, kept in localStorage so a reload (or a second tab) stays
 * signed in, and mirrored in a cookie so the server can render a signed-in page (an
 * operation's progress in the first HTML, docs/react.md, Server rendering). A tiny external
 * store: `subscribe` + `getSnapshot` for useSyncExternalStore.
 */
export interface Session {
  token: string;
  userId: string;
  tenantId: string;
  roles: string[];
  /** Epoch ms after which the token is no longer accepted. */
  expiresAt: number;
}

const STORAGE_KEY = 'liveprogress.demo.session';
const listeners = new Set<() => void>();
let cachedRaw: string | null = null;
let cached: Session | null = null;

export function getSession(): Session | null {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cached = parseSession(raw);
  }
  return cached && cached.expiresAt > Date.now() ? cached : null;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signing in or out changes this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The cookie the server reads the session from (lib/server-session.ts). */
export const SESSION_COOKIE = 'liveprogress_session';

export function saveSession(session: Session): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  const maxAge = Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000));
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser the demo supports; the value is URI-encoded JSON
  document.cookie = `${SESSION_COOKIE}=${encodeURIComponent(JSON.stringify(session))}; Path=/; Max-Age=${maxAge}; SameSite=Lax`;
  for (const listener of listeners) listener();
}

export function clearSession(): void {
  window.localStorage.removeItem(STORAGE_KEY);
  // biome-ignore lint/suspicious/noDocumentCookie: as in saveSession
  document.cookie = `${SESSION_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  for (const listener of listeners) listener();
}

/** A stored session, or null when it is missing or malformed (expiry is the caller's to check). */
export function parseSession(raw: string | null | undefined): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.token !== 'string' || typeof value.userId !== 'string' || typeof value.tenantId !== 'string') return null;
    return {
      token: value.token,
      userId: value.userId,
      tenantId: value.tenantId,
      roles: Array.isArray(value.roles) ? value.roles.filter((role): role is string => typeof role === 'string') : [],
      expiresAt: typeof value.expiresAt === 'number' ? value.expiresAt : 0,
    };
  } catch {
    return null;
  }
}
