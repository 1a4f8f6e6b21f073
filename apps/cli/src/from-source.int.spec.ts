import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `npm run cli` and `npm run tokens` beside a running engine: they used to rebuild first, and the
// build begins with `rm -rf dist`, under the engine's feet. Now they run from the sources, and the
// dist/ found before is left exactly as it was.
const root = join(__dirname, '../../..');
const dist = join(root, 'dist');
const marker = join(dist, `.cli-leaves-dist-alone-${randomUUID()}`);
let createdDist = false;

const npm = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile('npm', ['run', '--silent', ...args], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );

beforeAll(() => {
  createdDist = !existsSync(dist);
  mkdirSync(dist, { recursive: true });
  writeFileSync(marker, 'a running engine executes this dist/');
});
afterAll(() => {
  rmSync(marker, { force: true });
  if (createdDist && existsSync(dist) && readdirSync(dist).length === 0) rmdirSync(dist);
});

it('npm run cli and npm run tokens answer without rebuilding or deleting dist/', async () => {
  const before = { dist: statSync(dist), marker: statSync(marker) };

  const help = await npm(['cli', '--', '--help']);
  expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: procurement-journey') });
  const tokens = await npm(['tokens', '--', 'city-of-madison', '--json']);
  expect(tokens.code).toBe(0);
  expect(JSON.parse(tokens.stdout)).toMatchObject({
    organisation: 'city-of-madison',
    tokens: { auditor: expect.any(String) },
  });

  // The same directory (not a new one in its place), untouched, with the file it held.
  const after = { dist: statSync(dist), marker: statSync(marker) };
  expect({ ino: after.dist.ino, mtime: after.dist.mtimeMs }).toEqual({
    ino: before.dist.ino,
    mtime: before.dist.mtimeMs,
  });
  expect(after.marker.mtimeMs).toBe(before.marker.mtimeMs);
}, 60_000);
