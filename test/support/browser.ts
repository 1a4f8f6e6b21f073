import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_APP_DIRECTORY } from '../../apps/api/src/web-app';
import { startTestEngine, type TestEngine } from './engine';

/**
 * Browser specs (test/web/*.browser.spec.ts): the real engine (Temporal, worker, store) serving the
 * built web app (`npm test` builds it first: pretest), driven by Debian's chromium through
 * playwright-core. Every page a spec visits goes through `look`, which fails on a serious or
 * critical accessibility violation and, with RECORD_SCREENSHOTS=1, keeps docs/screenshots/<name>.png.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '../../docs/screenshots');

export interface BrowserRig {
  readonly engine: TestEngine;
  readonly browser: Browser;
  /** A new tab of its own (own sessionStorage), at `path` of the engine. */
  open(path?: string): Promise<Page>;
  stop(): Promise<void>;
}

export async function startBrowserRig(): Promise<BrowserRig> {
  if (!existsSync(join(WEB_APP_DIRECTORY, 'index.html')))
    throw new Error(`no web app build in ${WEB_APP_DIRECTORY}: run npm run build:web (npm test does it first)`);
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const engine = await startTestEngine();
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    })
    .catch(async (error: unknown) => {
      await engine.stop();
      throw error;
    });
  return {
    engine,
    browser,
    async open(path = '/') {
      const context = await browser.newContext({ baseURL: engine.baseUrl, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(path);
      return page;
    },
    async stop() {
      await browser.close();
      await engine.stop();
    },
  };
}

/**
 * Checks the page as it is now: no serious or critical axe violation (WCAG 2.1 A and AA rules);
 * with RECORD_SCREENSHOTS=1 also writes docs/screenshots/<name>.png. Call it on every page visited.
 */
export async function look(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      page: name,
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      where: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
  expect(serious).toEqual([]);
  if (process.env.RECORD_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}

/** Signs in on the development sign-in screen as the user of that name (GET /api/development/users). */
export async function signInAs(page: Page, userName: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${userName}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Case board' }).waitFor();
}
