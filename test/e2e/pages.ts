import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens a page, collecting uncaught errors and console errors from the moment it exists. */
export async function openWatchedPage(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  const response = await page.goto(url);
  // Extension pages have no HTTP response object; served pages must come back 200.
  if (response) expect(response.status()).toBe(200);
  return { page, errors };
}
