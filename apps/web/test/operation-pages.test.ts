import { describe, expect, it } from 'vitest';
import { openPage, operationIdInUrl, screenshot, setSimulation, signIn, type UserPage } from './support/browser';
import { signedInSession } from './support/signed-in-session';

/** What alice (tenant acme) started: a 1,000-item batch shared with her tenant, and an import that fails. */
const started: { batch?: string; failedImport?: string } = {};

const ended = (user: UserPage) => user.page.locator('section[data-operation-id] [data-status="completed"], section[data-operation-id] [data-status="failed"]');

const session = signedInSession({ userId: 'alice', tenantId: 'acme' }, async ({ demo, user }) => {
  const { page } = user;
  await page.goto(`${demo.web.url}/examples/batch`);
  await page.getByLabel('Items', { exact: true }).fill('1000');
  await setSimulation(page, { seconds: 3, visibility: 'Everyone in my tenant' });
  await page.getByRole('button', { name: 'Start batch' }).click();
  started.batch = await operationIdInUrl(page);
  await ended(user).first().waitFor({ timeout: 30_000 });

  await page.goto(`${demo.web.url}/examples/data-import`);
  await page.getByLabel('Dataset', { exact: true }).fill('customers.csv');
  await setSimulation(page, { seconds: 2, failAt: 'Storing' });
  await page.getByRole('button', { name: 'Start import' }).click();
  started.failedImport = await operationIdInUrl(page);
  await ended(user).first().waitFor({ timeout: 30_000 });
});

const timeline = (user: UserPage) => user.page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');

describe("an operation's own page, and whose operations an admin sees", () => {
  it('the page of a 1,000-item batch shows counts and 20 items, and 20 more on request, not all 1,000', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/operations/${encodeURIComponent(started.batch!)}`);
    const items = page.getByRole('list', { name: 'Items', exact: true }).getByRole('listitem');
    await items.first().waitFor();
    expect(await items.count()).toBe(20);
    const byStatus = page.getByRole('definition').filter({ hasText: '1,000' });
    expect(await byStatus.count()).toBeGreaterThan(0);
    expect(await page.getByText('Showing 20 of 1,000').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Show 20 more' }).click();
    await expect.poll(() => items.count()).toBe(40);
    await page.getByText('Showing 40 of 1,000').waitFor();
    // The 36,000 px page is gone: a few screens at most.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(5000);
    await screenshot(page, 'operation-detail');
  });

  it('the batch reads as a timeline (created, each stage started and finished, completed) and its result as words', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/operations/${encodeURIComponent(started.batch!)}`);
    await timeline(session.user).filter({ hasText: 'Completed' }).waitFor();
    const steps = await timeline(session.user).evaluateAll((entries) =>
      entries.map((entry) => entry.firstElementChild?.nextElementSibling?.firstChild?.textContent ?? ''),
    );
    expect(steps).toEqual([
      'Created',
      'Preparing started',
      'Preparing finished',
      'Processing started',
      'Processing finished',
      'Finalizing started',
      'Finalizing finished',
      'Completed',
    ]);
    // Each entry has its time: the clock and the offset from the start.
    expect(await timeline(session.user).first().locator('time').textContent()).toMatch(/^\d\d:\d\d:\d\d\+0\.0 s$/);
    // The result as fields a person reads, not JSON; the JSON is there when asked for.
    await page.getByRole('region', { name: 'Facts' }).getByRole('term').filter({ hasText: 'Processed count' }).waitFor();
    expect(await page.getByText('"processedCount"').isVisible()).toBe(false);
    await page.getByText('Raw result (JSON)').click();
    expect(await page.getByText('"processedCount": 1000').isVisible()).toBe(true);
  });

  it('a failed import says in its timeline at which stage it failed and why', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/operations/${encodeURIComponent(started.failedImport!)}`);
    const failure = timeline(session.user).filter({ hasText: /^Failed at \d+ % during Storing/ });
    await failure.waitFor();
    expect(await failure.textContent()).toContain('Storing');
    expect(await timeline(session.user).filter({ hasText: 'Storing started' }).count()).toBe(1);
    expect(await timeline(session.user).filter({ hasText: 'Completed' }).count()).toBe(0);
    await screenshot(page, 'operation-detail-failed');
  });

  it("an admin's table says whose each operation is; a member's table has no owner column", async () => {
    const dana = await openPage(session.browser);
    await signIn(dana.page, session.demo.web.url, { userId: 'dana', tenantId: 'acme', roles: ['admin'] });
    await dana.page.goto(`${session.demo.web.url}/operations`);
    await dana.page.getByRole('columnheader', { name: 'Owner' }).waitFor();
    const row = dana.page.locator(`tr[data-operation-id="${started.batch}"]`);
    await row.waitFor();
    expect((await row.locator('[data-cell="owner"]').textContent())?.replace('Owner ', '')).toBe('alice');
    // alice's private import is listed for the admin too, with its owner.
    expect(await dana.page.locator(`tr[data-operation-id="${started.failedImport}"] [data-cell="owner"]`).textContent()).toContain('alice');
    await screenshot(dana.page, 'operations-admin');
    await dana.context.close();

    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/operations`);
    await page.locator(`tr[data-operation-id="${started.batch}"]`).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Owner' }).count()).toBe(0);
    expect(session.user.errors).toEqual([]);
  });
});
