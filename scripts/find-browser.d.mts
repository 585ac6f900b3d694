/** Types for find-browser.mjs (plain JS, so Node runs it without a build). */

/** The flags every tool here starts headless Chromium with. */
export const CHROMIUM_ARGS: string[];

/** The first Chrome/Chromium the machine already has, or undefined. Never installs anything. */
export function locateBrowser(): string | undefined;

/** Absolute path of a Chrome/Chromium binary (installs Debian's chromium as root when none is found). */
export function findBrowser(): string;

/** The engines the browser suite runs in, in the order `npm test` runs them. */
export const ENGINES: string[];

/** What a browser-test run in `engine` starts (for webkit also WebKitWebDriver); exits 1 with a how-to when missing. */
export function findEngine(engine: string): { engine: string; executablePath: string; driverPath?: string };
