import { describe, expect, it } from 'vitest';
import { createLogger } from '@lbx/example-shared';

const at = () => new Date('2026-01-02T03:04:05.000Z');

describe('logger', () => {
  it('prints readable lines at or above the level and redacts secret-looking fields', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', now: at, write: (line) => lines.push(line) });
    logger.debug('hidden');
    logger.info('synced', { user: 'ana', title: 'Amélie poster', api_token: 'abc', count: 3 });
    logger.error('failed', { error: new Error('boom') });
    expect(lines).toEqual([
      '2026-01-02T03:04:05.000Z INFO  synced user=ana title="Amélie poster" api_token=[redacted] count=3',
      '2026-01-02T03:04:05.000Z ERROR failed error="boom"',
    ]);
  });

  it('prints JSON lines and nothing at all when silent', () => {
    const lines: string[] = [];
    createLogger({ format: 'json', now: at, write: (line) => lines.push(line) }).warn('w', { Authorization: 'Bearer x' });
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'warn',
      msg: 'w',
      Authorization: '[redacted]',
    });
    const silent: string[] = [];
    createLogger({ level: 'silent', write: (line) => silent.push(line) }).error('x');
    expect(silent).toEqual([]);
  });
});
