import { it } from 'vitest';
import { launchBrowser, openPage, signIn, operationIdInUrl, progressReaches, screenshot, setSimulation } from './support/browser';
import { signedInSession } from './support/signed-in-session';

const session = signedInSession({ userId: 'alice', tenantId: 'acme' });

it('scratch', async () => {
  const { page } = session.user;
  for (const [path, start, bar] of [['batch', 'Start batch', 'Batch processing'], ['data-import', 'Start import', 'Data import']] as const) {
    await page.goto(`${session.demo.web.url}/examples/${path}`);
    await setSimulation(page, { seconds: 20 });
    await page.getByRole('button', { name: start }).click();
    await progressReaches(page.getByRole('progressbar', { name: bar, exact: true }), 20);
    await page.getByRole('button', { name: 'Cancel operation' }).click();
    await page.waitForTimeout(2000);
    console.log(path, await page.locator('.lp-tracker').evaluate((e) => e.outerHTML));
    console.log(await page.locator('[data-operation-id]').first().evaluate((e) => e.outerHTML.slice(0, 1500)));
    await screenshot(page, `scratch-${path}-cancelled`);
  }
  const id = await operationIdInUrl(page);
  const browser = await launchBrowser();
  const bob = await openPage(browser);
  await signIn(bob.page, session.demo.web.url, { userId: 'bob', tenantId: 'other' });
  await bob.page.goto(`${session.demo.web.url}/examples/data-import?op=${id}`);
  await bob.page.waitForTimeout(300);
  console.log('early', await bob.page.locator('.lp-tracker').evaluate((e) => e.outerHTML));
  await bob.page.waitForTimeout(2000);
  console.log('bob', await bob.page.locator('.lp-tracker').evaluate((e) => e.outerHTML));
  await screenshot(bob.page, 'scratch-bob');
  await bob.page.goto(`${session.demo.web.url}/operations/${id}`);
  await bob.page.waitForTimeout(2000);
  console.log('bob detail', await bob.page.locator('main').evaluate((e) => e.outerHTML));
  await browser.close();
});
