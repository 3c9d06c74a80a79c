// Types for harness.mjs, so the TypeScript e2e tests can use the same launcher as scripts/start.mjs.
import type { BrowserContext, Worker } from 'playwright-core';

export declare const ROOT: string;
export declare const DEMO_DIR: string;
export declare const EXTENSION_DIR: string;
export declare const PARTNER_ORIGIN: string;
export declare const ASSOCIATIONS_PATH: string;
export declare const CUSTOMER_CLAIMS_PATH: string;
export declare const CHROMIUM_INSTALL_HINT: string;

export declare function associationsUrl(locale?: string, claimId?: string): string;
export declare function customerClaimsUrl(locale?: string, claimId?: string): string;
export declare function isExecutable(path: string): boolean;
export declare function findChromium(env?: NodeJS.ProcessEnv): string | null;
export declare function chromiumArgs(extensionDir?: string): string[];

export interface LaunchedExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  close(): Promise<void>;
}

export declare function launchWithExtension(options: {
  chromiumPath: string;
  headless?: boolean;
  extensionDir?: string;
  /** false: the caller handles Ctrl+C / SIGTERM / SIGHUP itself and must call close(). */
  handleSignals?: boolean;
  /** An ISO instant: every process of the browser reads it at launch, then time runs on (the clock shim, demo/clock-shim.c). */
  clockAt?: string;
  /** The browser's time zone with clockAt (TZ); UTC unless given. */
  timeZone?: string;
}): Promise<LaunchedExtension>;

export declare const CLOCK_SHIM_HINT: string;
export declare function clockShim(): string;
export declare function canSetClock(): boolean;
export declare function clockEnv(
  clockAt: string,
  timeZone?: string,
  env?: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv;

export declare const NOT_IN_DEMO: string;
export declare function demoFileFor(url: string): string | null;
export declare function serveDemo(context: BrowserContext): Promise<void>;
export declare const CREATE_STEPS: string[];
export declare const CLAIM_STATUS_IDS: string[];
