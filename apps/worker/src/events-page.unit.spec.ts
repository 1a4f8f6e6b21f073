import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventsPage } from './events-page';

const page = join(__dirname, '../../../docs/events.md');

describe('docs/events.md', () => {
  it('is the page the typed tables generate', () => {
    if (process.env.EVENTS_PAGE === 'write') writeFileSync(page, eventsPage());
    expect(readFileSync(page, 'utf8')).toBe(eventsPage());
  });
});
