// Types for harness-firefox.mjs.
import type { Browser, Page } from 'puppeteer-core';

export declare const FIREFOX_EXTENSION_DIR: string;
export declare const FIREFOX_INSTALL_HINT: string;
export declare const GECKO_ID: string;
export declare const FIREFOX_EXTENSION_UUID: string;
export declare const FIREFOX_EXTENSION_ORIGIN: string;

export declare function findFirefox(env?: NodeJS.ProcessEnv): string | null;
export declare function firefoxPrefs(locale?: string): Record<string, string | boolean>;

export interface LaunchedFirefox {
  browser: Browser;
  /** The gecko id Firefox installed the add-on under. */
  extensionId: string;
  /** moz-extension://<fixed uuid> */
  origin: string;
  close(): Promise<void>;
}

export declare function launchFirefoxWithExtension(options: {
  firefoxPath: string;
  headless?: boolean;
  extensionDir?: string;
  locale?: string;
  /** An ISO instant: every process of Firefox reads it at launch, then time runs on (demo/clock-shim.c). */
  clockAt?: string;
  /** Firefox's time zone with clockAt (TZ); UTC unless given. */
  timeZone?: string;
}): Promise<LaunchedFirefox>;

export declare function serveDemoOn(page: Page): Promise<void>;
