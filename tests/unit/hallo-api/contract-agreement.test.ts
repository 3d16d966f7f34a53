import { describe, expect, it } from 'vitest';
import openapi from '../../../electron/agent/hallo-api/openapi.json';
import { validateSchema } from '../../../electron/agent/hallo-api/validator';
import { CheckId } from '../../../electron/contract';

// The contract (what the agent and the popup speak) and openapi.json (what hallo, speaks) name
// some of the same things. Where they do, they must agree, read from the files, not a copy.

describe('the contract and openapi.json agree', () => {
  it('on the check ids: the contract\'s CheckId is the API\'s CheckId', () => {
    expect([...CheckId.options].sort()).toEqual([...openapi.components.schemas.CheckId.enum].sort());
  });

  it('a status item with a check id the API does not know yet is still valid (the forward-compatible rule)', () => {
    const item = { id: 'printer', check: 'printer', severity: 'attention', code: 'health.printer.offline', params: {} };
    expect(validateSchema('StatusItem', item)).toMatchObject({ ok: true });
    expect(openapi.components.schemas.StatusItem.properties.check.description).toContain('MUST accept a check id it does not know');
  });
});
