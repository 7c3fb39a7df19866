import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openPage, signIn, type UserPage } from './browser';
import { startDemo, type Demo } from './demo';

export interface SignedInSession {
  /** The demo API and web app, started for this file. */
  demo: Demo;
  /** One browser page, signed in as the given user. */
  user: UserPage;
  /** The browser that page is in, for more users' pages (each its own context). */
  browser: Browser;
}

/**
 * Starts the demo and a browser signed in as `who` before the file's tests, then runs `prepare`
 * (what the file's tests need started first), and stops both after them. The fields are filled
 * in beforeAll, so read them inside tests.
 */
export function signedInSession(who: { userId: string; tenantId: string }, prepare?: (session: SignedInSession) => Promise<void>): SignedInSession {
  const session = {} as SignedInSession;
  beforeAll(async () => {
    session.demo = await startDemo();
    session.browser = await launchBrowser();
    session.user = await openPage(session.browser);
    await signIn(session.user.page, session.demo.web.url, who);
    await prepare?.(session);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.demo?.stop();
  });
  return session;
}
