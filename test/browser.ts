/**
 * Launching Debian's Chromium through playwright-core for browser tests. Where Chromium is not
 * installed the browser tests are skipped with a message, unless PAPERBOY_REQUIRE_BROWSER=1
 * (set by .ci/run, which installs it) makes that a failure.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestSmtpServer } from './smtp.ts';
import { magicLinkIn } from './web-agent.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. Throws when they are required. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.PAPERBOY_REQUIRE_BROWSER === '1') throw new Error(reason);
  return reason;
}

/** Launches headless Chromium with the flags this sandboxed, offline machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Runs in the page: how many pixels wider than the viewport the document is (0 = no sideways scroll). */
export const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';

/**
 * Signs in through the page as a reader would: the sign-in form is on screen (the test got there),
 * the emailed link arrives at the in-process SMTP server, the page opens it and presses Continue.
 */
export async function signInThroughMail(
  page: Page,
  base: string,
  smtp: TestSmtpServer,
  email: string,
): Promise<void> {
  await page.locator('#email').fill(email);
  const before = smtp.mails.length;
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByText('We sent a sign-in link to').waitFor();
  const mail = (await smtp.waitFor(before + 1)).at(-1);
  const link = new URL(magicLinkIn(mail?.raw ?? ''));
  await page.goto(`${base}${link.pathname}${link.search}`);
  await page.getByRole('button', { name: 'Continue' }).click();
}
