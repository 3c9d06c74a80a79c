// Opening pages in Firefox over WebDriver BiDi (puppeteer-core), with their errors collected.
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { FIREFOX_EXTENSION_ORIGIN, serveDemoOn } from '../../demo/harness-firefox.mjs';

export interface WatchedPage {
  page: Page;
  /** Uncaught errors and console errors of the page so far. */
  errors(): Promise<string[]>;
}

/** A tab on the replica at a Partner Center URL; every other request of the tab is blocked. */
export async function openPartnerCenter(browser: Browser, url: string): Promise<WatchedPage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${(error as Error).message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  await serveDemoOn(page);
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return { page, errors: async () => errors };
}

/**
 * A tab on one of the extension's pages (popup.html, options.html, check.html). Two things of
 * Firefox ESR 153 over BiDi (with puppeteer-core 24.43) shape this: page.goto never resolves for
 * a moz-extension:// page (no navigation events are sent for it), so the BiDi navigate command
 * is sent itself and waits for the load; and neither its console nor its uncaught errors reach
 * BiDi's log, nor do preload scripts run in it. So the page's errors are collected by a hook
 * installed once it has loaded: errors while it loads are not seen here, those of everything
 * the test then does are (checked by hand with a thrown error and a console.error).
 */
export async function openExtensionPage(browser: Browser, path: string): Promise<WatchedPage> {
  const page = await browser.newPage();
  const frame = page.mainFrame() as unknown as {
    browsingContext: { navigate(url: string, wait: 'complete'): Promise<unknown> };
  };
  await frame.browsingContext.navigate(`${FIREFOX_EXTENSION_ORIGIN}/${path}`, 'complete');
  await page.evaluate(() => {
    const errors: string[] = [];
    (window as unknown as { cgErrors: string[] }).cgErrors = errors;
    const consoleError = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      errors.push(`console.error: ${args.map(String).join(' ')}`);
      consoleError(...args);
    };
    window.addEventListener('error', (event) => errors.push(`uncaught: ${event.message}`));
    window.addEventListener('unhandledrejection', (event) =>
      errors.push(`uncaught: ${String(event.reason)}`),
    );
  });
  return { page, errors: () => page.evaluate(() => (window as unknown as { cgErrors: string[] }).cgErrors) };
}

/**
 * Polls `find`, run in the page, until it gives an element: the extension's pages render with
 * Preact after their pack has arrived from the background, so a control may not be there yet
 * when the load event has fired (CI saw "no control labelled" on a loaded check page).
 */
async function elementOnceThere<T extends Element>(
  page: Page,
  find: (wanted: string) => Element | null,
  wanted: string,
  what: string,
  timeout = 10_000,
): Promise<ElementHandle<T>> {
  const until = Date.now() + timeout;
  for (;;) {
    const element = (await page.evaluateHandle(find, wanted)).asElement();
    if (element) return element as ElementHandle<T>;
    if (Date.now() > until) throw new Error(`no ${what} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The form control a visible label names (exact text, as a person reads it), once it is shown. */
export function controlLabelled(page: Page, text: string): Promise<ElementHandle<HTMLInputElement>> {
  return elementOnceThere(
    page,
    (wanted) =>
      [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === wanted)?.control ?? null,
    text,
    `control labelled "${text}"`,
  );
}

/** The button whose text is exactly `text`, once it is shown. */
export function buttonNamed(page: Page, text: string): Promise<ElementHandle<HTMLButtonElement>> {
  return elementOnceThere(
    page,
    (wanted) =>
      [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === wanted) ?? null,
    text,
    `button "${text}"`,
  );
}

/** The text of the element with a data-testid, once it is there. */
export async function textOfTestId(page: Page, id: string, timeout = 10_000): Promise<string> {
  const element = await page.waitForSelector(`[data-testid="${id}"]`, { timeout });
  return (await element!.evaluate((e) => e.textContent)) ?? '';
}

/**
 * Waits until `predicate`, run in the page, is true: polled from here. page.waitForFunction
 * cannot be used on an extension page: puppeteer builds its predicate with Function() in the
 * page, which the extension's CSP refuses ("call to Function() blocked by CSP", Firefox ESR 140).
 */
export async function waitUntilTrue(page: Page, predicate: () => boolean, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate)) return;
    if (Date.now() > until) throw new Error(`not true within ${timeout} ms: ${predicate.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
