import { describe, expect, it } from 'vitest';
import openapi from '../../../electron/agent/hallo-api/openapi.json';
import { validateSchema } from '../../../electron/agent/hallo-api/validator';
import { CheckId, FIELD_LIMITS } from '../../../electron/contract';

// The contract (what the agent and the popup speak) and openapi.json (what hallo, speaks) name
// some of the same things. Where they do, they must agree, read from the files, not a copy.

describe('the contract and openapi.json agree', () => {
  it('on the check ids: the contract\'s CheckId is the API\'s CheckId', () => {
    expect([...CheckId.options].sort()).toEqual([...openapi.components.schemas.CheckId.enum].sort());
  });

  it('on the field limits: the contract\'s are the API\'s', () => {
    const schemas = openapi.components.schemas;
    const categoryPattern = schemas.TicketCreateRequest.properties.category.pattern; // ^[a-z0-9-]{1,32}$
    expect({
      'contact.name': schemas.Contact.properties.name.maxLength,
      'contact.phone': schemas.Contact.properties.phone.maxLength,
      'contact.email': schemas.Contact.properties.email.maxLength,
      description: schemas.TicketCreateRequest.properties.description.maxLength,
      categoryId: Number(/,(\d+)\}\$$/.exec(categoryPattern)?.[1]),
      relatedItemId: schemas.Diagnostics.properties.relatedItemId.oneOf[0]!.maxLength,
    }).toEqual(FIELD_LIMITS);
  });

  it('a status item with a check id the API does not know yet is still valid (the forward-compatible rule)', () => {
    const item = { id: 'printer', check: 'printer', severity: 'attention', code: 'health.printer.offline', params: {} };
    expect(validateSchema('StatusItem', item)).toMatchObject({ ok: true });
    expect(openapi.components.schemas.StatusItem.properties.check.description).toContain('MUST accept a check id it does not know');
  });
});
