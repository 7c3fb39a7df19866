/** Where the provider connects and where `useLiveOperation` sends its requests when no URL is given. */

/**
 * The socket URL from `NEXT_PUBLIC_WS_URL` (docs/react.md, Setting up). Written out
 * literally so Next.js (and other bundlers that define `process.env.*`) inline it at
 * build time; guarded because a browser without a bundler has no `process`.
 */
function envSocketUrl(): string | undefined {
  try {
    return process.env.NEXT_PUBLIC_WS_URL;
  } catch {
    return undefined;
  }
}

/** The socket URL: the prop, else `NEXT_PUBLIC_WS_URL`, else the page's own origin (undefined on the server). */
export function resolveSocketUrl(url: string | undefined): string | undefined {
  return url || envSocketUrl() || (typeof window === 'undefined' ? undefined : window.location.origin);
}

/** The HTTP origin that matches a socket URL: `ws:` becomes `http:`, `wss:` becomes `https:`. */
export function toHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//i, 'http$1://');
}

/**
 * Prefixes an endpoint such as `/api/my-operations` with the API base URL, keeping any
 * path the base has (`https://host/backend` + `/api/x`); absolute endpoints are kept as they are.
 */
export function resolveEndpoint(endpoint: string, apiUrl: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) || !apiUrl) return endpoint;
  return `${apiUrl.replace(/\/+$/, '')}${endpoint.startsWith('/') ? '' : '/'}${endpoint}`;
}
