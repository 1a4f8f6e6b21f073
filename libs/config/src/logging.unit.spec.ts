import { ConfigError } from './config';
import { createLogger, logFormat, logLevel } from './logging';

describe('logging settings', () => {
  it('reads LOG_LEVEL in any case, info by default, and refuses a level that does not exist', () => {
    expect(logLevel({})).toBe('info');
    expect(logLevel({ LOG_LEVEL: 'ERROR' })).toBe('error');
    expect(logLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(() => logLevel({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
  });

  it('is pretty at a terminal and JSON elsewhere unless LOG_FORMAT says', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(() => logFormat({ LOG_FORMAT: 'xml' }, false)).toThrow(/LOG_FORMAT must be json or pretty/);
  });

  it('writes one JSON object a line with the level by name and an ISO time', () => {
    const lines: string[] = [];
    createLogger({ LOG_LEVEL: 'warn' }, { write: (line: string) => lines.push(line) }).warn(
      { component: 'x' },
      'hello',
    );
    createLogger({ LOG_LEVEL: 'warn' }, { write: (line: string) => lines.push(line) }).info('below the level');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', component: 'x', msg: 'hello' });
    expect(JSON.parse(lines[0]).time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
