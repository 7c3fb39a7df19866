import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openPage, signIn, type UserPage } from './browser';
import { startDemo, type Demo } from './demo';

export interface SignedInSession {
  /** The demo API and web app, started for this file. */
  demo: Demo;
  /** One browser page, signed in as the given user. */
  user: UserPage;
}

/**
 * Starts the demo and a browser signed in as `who` before the file's tests, and stops both
 * after them. The fields are filled in beforeAll, so read them inside tests.
 */
export function signedInSession(who: { userId: string; tenantId: string }): SignedInSession {
  const session = {} as SignedInSession;
  let browser: Browser | undefined;
  beforeAll(async () => {
    session.demo = await startDemo();
    browser = await launchBrowser();
    session.user = await openPage(browser);
    await signIn(session.user.page, session.demo.web.url, who);
  });
  afterAll(async () => {
    await browser?.close();
    await session.demo?.stop();
  });
  return session;
}
