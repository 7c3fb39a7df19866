import type { AuthUser } from './auth-user.js';

/** Where the guard leaves the verified user on the request. */
export const REQUEST_USER_KEY = 'liveProgressUser';

export interface RequestWithUser {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  [REQUEST_USER_KEY]?: AuthUser;
  /** Set for handlers that read `req.user.id` (docs/nest.md, The HTTP endpoints), unless another guard set it first. */
  user?: unknown;
}

export function requestUser(req: RequestWithUser): AuthUser | undefined {
  return req[REQUEST_USER_KEY];
}
