import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, operationIdInUrl, screenshot, setSimulation, signIn, type UserPage } from './support/browser';
import { startDemo, type Demo } from './support/demo';
import { isInWindow, LAPTOP, layoutProblems, PHONE, seriousAccessibilityViolations } from './support/page-checks';

let demo: Demo;
let browser: Browser;
let phone: UserPage;
/** Operations started on the way, for the table and the detail page. */
const started: string[] = [];

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  // Reduced motion, so "scrolled into view" is checked where the scroll ends, not mid-way.
  phone = await openPage(browser, { viewport: PHONE, reducedMotion: 'reduce' });
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/**
 * The page as it is now, at 390 px: nothing scrolls sideways, no control is cut, axe-core
 * finds nothing serious; then the same layout check at 1280 px, and back. Writes `<name>-390.png`.
 */
async function checkPage(page: Page, name: string): Promise<void> {
  const found = {
    phone: await layoutProblems(page),
    accessibility: await seriousAccessibilityViolations(page),
    laptop: [] as string[],
  };
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(LAPTOP);
  found.laptop = await layoutProblems(page);
  await page.setViewportSize(PHONE);
  expect(found, name).toEqual({ phone: [], accessibility: [], laptop: [] });
}

const EXAMPLES = [
  { path: '/examples/my-operation', name: 'my-operation', prepare: async (page: Page) => setSimulation(page, { seconds: 2 }) },
  {
    path: '/examples/file-upload',
    name: 'file-upload',
    prepare: async (page: Page) => {
      await page.getByRole('button', { name: 'Use sample files' }).click();
      await setSimulation(page, { seconds: 2 });
    },
  },
  { path: '/examples/data-import', name: 'data-import', prepare: async (page: Page) => setSimulation(page, { seconds: 2 }) },
  {
    path: '/examples/batch',
    name: 'batch',
    prepare: async (page: Page) => {
      await page.getByLabel('Items', { exact: true }).fill('120');
      await setSimulation(page, { seconds: 2 });
    },
  },
] as const;

describe('every page on a 390 px phone: no sideways scroll, no cut controls, no serious accessibility findings', () => {
  it('the sign-in page shows no connection state and fits', async () => {
    const { page } = phone;
    await page.goto(`${demo.web.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // Nobody is signed in, so there is no connection to speak of.
    expect(await page.getByRole('status', { name: /^Connection/ }).count()).toBe(0);
    await checkPage(page, 'sign-in');
    await signIn(page, demo.web.url, { userId: 'alice-with-a-long-name', tenantId: 'acme' });
  });

  it('the header shows the whole user name and the sign-out button', async () => {
    const { page } = phone;
    const name = page.getByTestId('signed-in-user');
    expect(await name.textContent()).toBe('alice-with-a-long-name');
    // Not cut by an ellipsis: the text is as wide as it needs to be.
    expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  });

  it('the overview fits', async () => {
    const { page } = phone;
    await page.goto(demo.web.url);
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await page.getByTestId('operations-empty').getByText('No operations to show').waitFor();
    await checkPage(page, 'overview');
  });

  for (const example of EXAMPLES) {
    it(`${example.name}: fits before Start, scrolls the live panel into view on Start, and fits while and after it runs`, async () => {
      const { page } = phone;
      await page.goto(`${demo.web.url}${example.path}`);
      await page.locator('form button[type="submit"]').waitFor();
      await checkPage(page, `${example.name}-before-start`);

      await example.prepare(page);
      await page.locator('form button[type="submit"]').click();
      started.push(await operationIdInUrl(page));
      // The live panel sits under the form on a phone; Start brings it up to where the person looks.
      await page.locator('section[data-operation-id]').waitFor();
      await expect.poll(() => isInWindow(page, 'section[data-operation-id]'), { timeout: 5000 }).toBe(true);

      await page.locator('section[data-operation-id] [data-status="completed"]').first().waitFor({ timeout: 30_000 });
      await checkPage(page, `${example.name}-after-start`);
    });
  }

  it('the operations table fits, with every column a person needs readable', async () => {
    const { page } = phone;
    await page.goto(`${demo.web.url}/operations`);
    const rows = page.locator('[data-operation-id]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(started.length);
    // Name, status, progress and time of each row are on screen, not behind a sideways scroll.
    const row = rows.first();
    for (const cell of ['[data-cell="status"]', '[data-cell="progress"]', '[data-cell="updated"]']) {
      expect(await row.locator(cell).evaluate((element) => element.getBoundingClientRect().right <= window.innerWidth), cell).toBe(true);
    }
    await checkPage(page, 'operations');
  });

  it("an operation's page fits", async () => {
    const { page } = phone;
    const batch = started.at(-1)!;
    await page.goto(`${demo.web.url}/operations/${encodeURIComponent(batch)}`);
    await page.getByRole('list', { name: 'Timeline' }).waitFor();
    await checkPage(page, 'operation-detail');
  });

  it('the not-found page fits', async () => {
    const { page } = phone;
    await page.goto(`${demo.web.url}/no-such-page`);
    await page.getByText('Page not found').waitFor();
    await checkPage(page, 'not-found');
    expect(phone.errors).toEqual([]);
  });
});
