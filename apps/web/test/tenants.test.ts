import { describe, expect, it } from 'vitest';
import { openPage, operationIdInUrl, progressReaches, screenshot, setSimulation, signIn, type UserPage } from './support/browser';
import { signedInSession } from './support/signed-in-session';

/** Operations alice (tenant acme) started: one only she may see, one shared with her tenant. */
const started: { own?: string; shared?: string } = {};

const rowsOf = (user: UserPage) => user.page.locator('table tbody tr[data-operation-id]');

const session = signedInSession({ userId: 'alice', tenantId: 'acme' }, async ({ demo, user }) => {
  const { page } = user;
  await page.goto(`${demo.web.url}/examples/data-import`);
  await page.getByLabel('Dataset', { exact: true }).fill('private.csv');
  await setSimulation(page, { seconds: 1 });
  await page.getByRole('button', { name: 'Start import' }).click();
  started.own = await operationIdInUrl(page);
  await progressReaches(page.getByRole('progressbar', { name: 'Data import', exact: true }), 100);

  await page.goto(`${demo.web.url}/examples/batch`);
  await setSimulation(page, { seconds: 1, visibility: 'Everyone in my tenant' });
  await page.getByRole('button', { name: 'Start batch' }).click();
  started.shared = await operationIdInUrl(page);
  await progressReaches(page.getByRole('progressbar', { name: 'Batch processing', exact: true }), 100);
});

describe('tenant isolation, seen from the browser', () => {
  it("another tenant's user, in a second browser context, sees none of acme's operations, and one opened by id reads as not available", async () => {
    const bob = await openPage(session.browser);
    await signIn(bob.page, session.demo.web.url, { userId: 'bob', tenantId: 'globex', roles: ['admin'] });
    await bob.page.goto(`${session.demo.web.url}/operations`);
    await bob.page.getByTestId('operations-empty').getByText('No operations to show').waitFor();
    expect(await rowsOf(bob).count()).toBe(0);
    await screenshot(bob.page, 'other-tenant-operations');

    // Not even by id: the API answers NOT_FOUND, as for an id that does not exist.
    await bob.page.goto(`${session.demo.web.url}/operations/${started.own}`);
    await bob.page.getByRole('heading', { name: 'Operation not available' }).waitFor();
    expect(await bob.page.getByText('refused', { exact: false }).count()).toBe(0);
    // On an example page: no fake "Waiting · 0 %" tracker, no Live dot, no Cancel, no raw refusal; words instead.
    await bob.page.goto(`${session.demo.web.url}/examples/batch?op=${started.shared}`);
    const tracker = bob.page.locator('.lp-tracker[data-status="lost"]');
    await tracker.getByText('you may not see it', { exact: false }).first().waitFor();
    expect(await tracker.getByRole('progressbar').count()).toBe(0);
    expect(await tracker.getByText('Live', { exact: true }).count()).toBe(0);
    expect(await bob.page.getByRole('button', { name: /cancel/i }).count()).toBe(0);
    expect(await bob.page.getByText('refused', { exact: false }).count()).toBe(0);
    expect(await bob.page.getByText('Not available', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(bob.page, 'not-available-operation');

    // Meanwhile alice still sees both.
    await session.user.page.goto(`${session.demo.web.url}/operations`);
    await expect.poll(() => rowsOf(session.user).count()).toBe(2);
    expect(bob.errors).toEqual([]);
    await bob.context.close();
  });

  it("a user of the same tenant sees what was shared with the tenant, not alice's own", async () => {
    const carol = await openPage(session.browser);
    await signIn(carol.page, session.demo.web.url, { userId: 'carol', tenantId: 'acme' });
    await carol.page.goto(`${session.demo.web.url}/operations`);
    await expect.poll(() => rowsOf(carol).count()).toBe(1);
    expect(await carol.page.locator(`tr[data-operation-id="${started.shared}"]`).count()).toBe(1);
    await carol.page.goto(`${session.demo.web.url}/operations/${started.own}`);
    await carol.page.getByRole('heading', { name: 'Operation not available' }).waitFor();
    await carol.context.close();
  });

  it("the table refreshes live when a tenant-shared operation starts in someone else's browser", async () => {
    const carol = await openPage(session.browser);
    await signIn(carol.page, session.demo.web.url, { userId: 'carol', tenantId: 'acme' });
    await carol.page.goto(`${session.demo.web.url}/operations`);
    await expect.poll(() => rowsOf(carol).count()).toBe(1);

    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/my-operation`);
    await page.getByLabel('Name', { exact: true }).fill('Shared report');
    await setSimulation(page, { seconds: 2, visibility: 'Everyone in my tenant' });
    await page.getByRole('button', { name: 'Start operation' }).click();
    const id = await operationIdInUrl(page);

    // No reload in carol's browser: platform.table.refresh for my_operations makes the list load again.
    const row = carol.page.locator(`tr[data-operation-id="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.and(carol.page.locator('[data-status="completed"]')).waitFor({ timeout: 15_000 });
    await carol.page
      .getByTestId('table-refreshes')
      .getByText(/Updated live \d+×/)
      .waitFor();
    await carol.context.close();
  });

  it('signing out and in as another tenant in the same browser hides the first tenant', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/operations`);
    await expect.poll(() => rowsOf(session.user).count()).toBe(3);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await signIn(page, session.demo.web.url, { userId: 'alice', tenantId: 'initech' });
    // Signing out keeps no `next=`: whoever signs in next starts at the overview, not on the page the last user left.
    expect(new URL(page.url()).pathname).toBe('/');
    // Alice of initech: the same user id, another tenant, nothing listed.
    await page.goto(`${session.demo.web.url}/operations`);
    expect(await page.getByTestId('signed-in-tenant').textContent()).toBe('initech');
    await page.getByTestId('operations-empty').getByText('No operations to show').waitFor();
    expect(await rowsOf(session.user).count()).toBe(0);
    expect(session.user.errors).toEqual([]);
  });
});
