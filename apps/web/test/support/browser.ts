import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { WEB_DIR } from './web-server';

/** Debian's Chromium; the tests never download a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface DemoUser {
  userId: string;
  tenantId: string;
  roles?: string[];
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page; a finished demo has none. */
  errors: string[];
}

/**
 * A fresh browser context (its own storage: its own session) with one page; a laptop-sized
 * window unless told otherwise (a phone, or one that asks for reduced motion).
 */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<UserPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    ...(options.reducedMotion ? { reducedMotion: options.reducedMotion } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Signs in through the sign-in screen, as a person would, and waits for the live connection. */
export async function signIn(page: Page, baseUrl: string, user: DemoUser): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('User id', { exact: true }).fill(user.userId);
  await page.getByLabel('Tenant', { exact: true }).fill(user.tenantId);
  await page.getByLabel('Roles', { exact: true }).fill((user.roles ?? []).join(', '));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await connectionIsLive(page);
}

export async function connectionIsLive(page: Page): Promise<void> {
  await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
}

/**
 * Waits until a progress bar's aria-valuenow is at least `value`, and returns what it
 * shows. A plain loop rather than `expect.poll`, so hooks (beforeAll) can use it too.
 */
export async function progressReaches(bar: Locator, value: number, timeout = 30_000): Promise<number> {
  const deadline = Date.now() + timeout;
  let seen = Number.NaN;
  for (;;) {
    seen = Number(await bar.getAttribute('aria-valuenow', { timeout: Math.max(1, deadline - Date.now()) }));
    if (seen >= value) return seen;
    if (Date.now() > deadline) throw new Error(`progress bar stayed at ${seen}, short of ${value}, for ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function toast(page: Page, text: string): Locator {
  return page.locator('[data-sonner-toast]').filter({ hasText: text }).first();
}

/** Where a person can look at what the tests saw (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(WEB_DIR, 'test-output');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // From the top, so the sticky header sits where it belongs in a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Finished transitions (toasts sliding in, bars filling) rather than a frame mid-way.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** Fills the shared "Simulation" fieldset of an example form. */
export async function setSimulation(
  page: Page,
  options: { seconds?: number; failAt?: string; visibility?: 'Only me' | 'Everyone in my tenant' },
): Promise<void> {
  if (options.seconds !== undefined) await page.getByLabel('Duration (seconds)', { exact: true }).fill(String(options.seconds));
  if (options.failAt !== undefined) await page.getByLabel('Fail at stage', { exact: true }).selectOption({ label: options.failAt });
  if (options.visibility !== undefined) await page.getByLabel('Visible to', { exact: true }).selectOption({ label: options.visibility });
}

/** The operation id this page follows, from the address (`?op=`). */
export async function operationIdInUrl(page: Page): Promise<string> {
  await page.waitForURL((url) => url.searchParams.has('op'));
  return new URL(page.url()).searchParams.get('op')!;
}
