import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_APP_DIRECTORY } from '../../apps/api/src/web-app';
import {
  DEVELOPMENT_BUYERS,
  DEVELOPMENT_USERS,
  developmentUser,
  type DevelopmentUser,
} from '../../apps/api/src/auth/development-users';
import { ROLES } from '../../apps/api/src/auth/roles';
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startBrowserRig(): Promise<BrowserRig> {
  if (!existsSync(join(WEB_APP_DIRECTORY, 'index.html')))
    throw new Error(`no web app build in ${WEB_APP_DIRECTORY}: run npm run build:web (npm test does it first)`);
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
  // A known port: the provider sends the browser back only to the redirect URI it was told of.
  const engine = await startTestEngine({ PORT: String(await freePort()) });
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

/**
 * The seeded user (apps/api/src/auth/development-users.ts) a name means: their subject
 * (`stockholm-contract-manager`), their own name (`Anna Lindqvist`), or the role-and-organisation
 * names the first browser specs used (`stockholm county council contract manager`,
 * `city of madison auditor`, `supplier dev-supplier`, `monitor`: the first buyer's when none named).
 */
export function developmentUserNamed(name: string): DevelopmentUser {
  const wanted = name.trim().toLowerCase();
  const exact = DEVELOPMENT_USERS.find((user) => user.sub === wanted || user.name.toLowerCase() === wanted);
  if (exact) return exact;
  const words = (text: string) => text.replace(/[-_.]/g, ' ');
  const role = ROLES.find((each) => words(wanted).includes(words(each)));
  const org = DEVELOPMENT_BUYERS.find((each) => words(wanted).includes(words(each))) ?? DEVELOPMENT_BUYERS[0];
  if (!role) throw new Error(`no development user named "${name}" (see apps/api/src/auth/development-users.ts)`);
  return developmentUser(role, org);
}

/**
 * Signs in as a person would: the app's sign-in page sends the browser to the engine's development
 * OpenID provider, whose sign-in page lists the seeded users; choosing one sends the browser back
 * with a code, which the app exchanges (PKCE) before it shows the case board. `userName` is any name
 * developmentUserNamed understands. The provider's cookies go first, so one tab may switch users.
 */
export async function signInAs(page: Page, userName: string): Promise<void> {
  const user = developmentUserNamed(userName);
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Development sign-in' }).waitFor();
  await page.getByRole('button', { name: user.name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Case board' }).waitFor();
}
