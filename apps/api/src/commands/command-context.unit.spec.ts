import { defineUpdate } from '@temporalio/workflow';
import type { Caller } from '../auth/roles';
import { CommandRequest, requestFingerprint } from './command-context';
import { commandMetadataFrom } from './command-metadata';

// What an idempotency key is bound to: its caller (command id) and its request (fingerprint).
describe('idempotency keys: scope and fingerprint', () => {
  const anna: Caller = { id: 'anna', role: 'contract_manager', organisationId: 'scc' };
  const dell: Caller = { id: 'sales', role: 'supplier', organisationId: 'scc', supplierId: 'dell' };
  const hp: Caller = { ...dell, supplierId: 'hp' };
  const setting = { now: '2026-12-22T09:00:00.000Z', calendar: { timeZone: 'Europe/Stockholm' } };
  const idOf = (caller: Caller, key: string) => commandMetadataFrom(caller, setting, key).commandId;

  it('gives every caller its own command id for the same key', () => {
    expect(idOf(anna, 'k')).toMatch(/^scc:[0-9a-f]{32}$/);
    expect(idOf(anna, 'k')).toBe(idOf({ ...anna }, 'k'));
    expect(idOf(anna, 'k')).not.toBe(idOf(anna, 'k2'));
    expect(new Set([idOf(anna, 'k'), idOf(dell, 'k'), idOf(hp, 'k'), idOf({ ...anna, id: 'bo' }, 'k')]).size).toBe(4);
  });

  it('names nobody: the caller’s id is not in the command id, nor the same across their keys', () => {
    expect(idOf(anna, 'k')).not.toContain('anna');
    expect(idOf(dell, 'k')).not.toContain('sales');
    expect(idOf(dell, 'k')).not.toContain('dell');
    expect(idOf(anna, 'k').split(':')[1]).not.toBe(idOf(anna, 'k2').split(':')[1]);
  });

  it('lets no choice of ids and key spell another caller’s command id', () => {
    expect(idOf({ ...anna, id: 'a:b' }, 'c')).not.toBe(idOf({ ...anna, id: 'a' }, 'b:c'));
    expect(idOf({ ...anna, organisationId: 'x:y' }, 'k')).not.toBe(
      idOf({ ...anna, organisationId: 'x', id: 'y' }, 'k'),
    );
    expect(idOf({ ...dell, id: 'a@b' }, 'k')).not.toBe(idOf({ ...dell, id: 'a', supplierId: 'b' }, 'k'));
  });

  it('fingerprints method, path and body, not key order or the body’s commandId', () => {
    const print = requestFingerprint('POST', '/cases/1/bids', { bidId: 'b', price: 1 });
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('post', '/cases/1/bids', { price: 1, bidId: 'b', commandId: 'k' })).toBe(print);
    expect(requestFingerprint('POST', '/cases/1/bids', { bidId: 'b', price: 2 })).not.toBe(print);
    expect(requestFingerprint('POST', '/cases/1/tender', { bidId: 'b', price: 1 })).not.toBe(print);
    expect(requestFingerprint('POST', '/cases/2/bids', { bidId: 'b', price: 1 })).not.toBe(print);
  });

  it('binds a workflow update id to the request: the same request keeps it, another gets another', () => {
    const decide = defineUpdate<void, [object]>('decide');
    const target = {
      aggregate: 'finding' as const,
      aggregateId: 'f',
      workflowId: (organisationId: string) => `breach:${organisationId}/f`,
    };
    const updateId = (body: object) =>
      new CommandRequest(
        anna,
        'k',
        undefined,
        undefined,
        requestFingerprint('POST', '/findings/f/decision', body),
        setting,
      ).update(target, decide, body).updateId;
    expect(updateId({ decision: 'terminate' })).toBe(updateId({ decision: 'terminate' }));
    expect(updateId({ decision: 'terminate' })).not.toBe(updateId({ decision: 'extend' }));
    expect(updateId({ decision: 'terminate' })).toMatch(/^scc:[0-9a-f]{32}#/);
  });
});
