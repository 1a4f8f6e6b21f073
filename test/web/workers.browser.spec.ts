import type { Page } from 'playwright-core';
import { SCC } from '../support/journey';
import { expectStatus, httpClient } from '../support/http';
import { seedFactory } from '../support/seed-journey';
import { look, startBrowserRig, type BrowserRig } from '../support/browser';

// A worker in a real browser set to Spanish files an anonymous grievance from the factory poster's
// link, keeps the receipt code and follows the grievance with it while the buyer acts (over HTTP).
// The code never enters an address or the browser's storage. Every page is checked in each language.
let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
  await seedFactory(rig.engine.store, 'factory-big', SCC);
}, 180_000);
afterAll(async () => rig?.stop(), 60_000);

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

it('files an anonymous grievance in Spanish and follows it by receipt code as the buyer acknowledges it', async () => {
  const context = await rig.browser.newContext({
    baseURL: rig.engine.baseUrl,
    viewport: { width: 1280, height: 800 },
    locale: 'es-MX',
  });
  const page = await context.newPage();
  const addresses: string[] = [];
  page.on('request', (request) => addresses.push(request.url()));

  // The poster's link names the buyer and the factory; the browser's language picks Spanish.
  await page.goto(`/grievance?buyer=${SCC}&factory=factory-big`);
  await heading(page, 'Denuncie un problema en su lugar de trabajo');
  expect(await page.locator('html').getAttribute('lang')).toBe('es');
  expect(await page.getByLabel('Código de la fábrica').inputValue()).toBe('factory-big');
  await look(page, 'worker-grievance-es');

  // Nothing said yet: the form says so in Spanish, next to the field.
  await page.getByRole('button', { name: 'Enviar de forma anónima' }).click();
  await page.getByText('Complete este campo').waitFor();
  await look(page, 'worker-grievance-refused-es');

  await page.getByLabel('¿Qué está pasando?').fill('Las horas extra de la línea 4 no se pagan desde hace tres meses');
  await page.getByLabel('¿Aproximadamente cuántos trabajadores están afectados?').fill('40');
  await page.getByRole('button', { name: 'Enviar de forma anónima' }).click();
  await heading(page, 'Su denuncia fue enviada');
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
  await look(page, 'worker-receipt-es');

  // Following it: the code typed in, the status in Spanish.
  await page.getByRole('main').getByRole('link', { name: 'Seguir su denuncia' }).click();
  await heading(page, 'Seguir su denuncia');
  await page.getByLabel('Código de recibo').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Consultar' }).click();
  const status = page.getByTestId('grievance-status');
  await status.getByText('Recibida, a la espera del acuse de recibo del comprador').waitFor();
  await page.getByRole('rowheader', { name: 'Acuse de recibo a más tardar el' }).waitFor();
  await look(page, 'worker-status-es');

  // The buyer's compliance officer acknowledges it (over HTTP); the worker checks again.
  const http = httpClient(rig.engine);
  const officer = rig.engine.tokens(SCC).compliance_officer;
  const [grievance] = expectStatus(await http.get('/api/grievances?factoryId=factory-big', officer), 200).body.items;
  expect(grievance).toMatchObject({ anonymous: true, channel: 'online_form' });
  expectStatus(
    await http.post(`/api/grievances/${grievance.grievanceId}/acknowledgement`, officer, {
      message: 'Recibimos su denuncia; nadie en la fábrica sabrá quién la envió.',
    }),
    201,
  );
  // Waits (Min-Log-Position) until the read model shows the acknowledgement.
  expect(expectStatus(await http.get('/api/grievances?factoryId=factory-big', officer), 200).body.items[0].status).toBe(
    'acknowledged',
  );
  await page.getByRole('button', { name: 'Consultar' }).click();
  await status.getByText('El comprador acusó recibo').waitFor();
  await page.getByRole('rowheader', { name: 'Acuse de recibo el' }).waitFor();
  await look(page, 'worker-status-acknowledged-es');

  // The code is in no address the browser asked for, and not kept in the browser.
  expect(
    addresses.filter((address) => address.toUpperCase().replace(/-/g, '').includes(code.replace(/-/g, ''))),
  ).toEqual([]);
  const kept = await page.evaluate(
    'JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])',
  );
  expect(String(kept).toUpperCase()).not.toContain(code);

  // The other languages, chosen from the menu: every page checked in each.
  await page.getByLabel('Idioma').selectOption('zh-Hans');
  await heading(page, '查询进度');
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
  await status.getByText('采购方已确认收到').waitFor();
  await look(page, 'worker-status-zh-Hans');
  await page.getByRole('link', { name: '反映问题' }).click();
  await heading(page, '反映您工作场所的问题');
  await look(page, 'worker-grievance-zh-Hans');

  await page.getByLabel('语言').selectOption('en');
  await heading(page, 'Report a problem at your workplace');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await look(page, 'worker-grievance-en');
  await page.getByRole('navigation').getByRole('link', { name: 'Follow your report' }).click();
  await heading(page, 'Follow your report');
  await page.getByLabel('Receipt code').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByRole('alert').getByText('No report has this code. Check it and try again.').waitFor();
  await look(page, 'worker-status-not-found-en');

  // The choice is remembered on this device: a new visit opens in English, not the browser's Spanish.
  await page.goto('/grievance');
  await heading(page, 'Report a problem at your workplace');
  await context.close();
}, 180_000);
