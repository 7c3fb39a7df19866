import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionIsLive, launchBrowser, openPage, screenshot, signIn, toast } from './support/browser';
import { startDemo, type Demo } from './support/demo';

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('signing in', () => {
  it('sends a signed-out visitor to the sign-in screen and back to the page asked for', async () => {
    const { page, context, errors } = await openPage(browser);
    await page.goto(`${demo.web.url}/examples/batch`);
    await page.waitForURL(/\/sign-in\?next=%2Fexamples%2Fbatch/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // Signed out there is no connection, so the header shows none (not a grey "Not connected").
    expect(await page.getByRole('status', { name: /^Connection/ }).count()).toBe(0);
    await screenshot(page, 'sign-in');

    await signIn(page, demo.web.url, { userId: 'alice', tenantId: 'acme' });
    expect(new URL(page.url()).pathname).toBe('/examples/batch');
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('alice');
    expect(await page.getByTestId('signed-in-tenant').textContent()).toBe('acme');
    await toast(page, 'Signed in as alice').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays signed in across a reload and connects again', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, demo.web.url, { userId: 'dana', tenantId: 'acme', roles: ['admin'] });
    expect(await page.getByText('tenant acme · admin').isVisible()).toBe(true);
    await page.reload();
    await connectionIsLive(page);
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('dana');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signing out leaves the connection and returns to the sign-in screen', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, demo.web.url, { userId: 'alice', tenantId: 'acme' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('status', { name: /^Connection/ }).waitFor({ state: 'detached' });
    await toast(page, 'Signed out').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows why a sign-in was refused', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${demo.web.url}/sign-in`);
    // The API limits roles to 64 characters; the refusal is shown, not swallowed.
    await page.getByLabel('Roles', { exact: true }).fill('r'.repeat(80));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Sign-in failed' });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });
});
