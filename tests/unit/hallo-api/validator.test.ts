import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import openapi from '../../../electron/agent/hallo-api/openapi.json';
import {
  operationFor,
  operations,
  validateEvent,
  validateParameters,
  validateRequest,
  validateResponse,
  validateSchema,
  type SchemaName,
} from '../../../electron/agent/hallo-api/validator';

const policy = openapi.components.schemas.Policy.examples[0]!;

const heartbeat = () => ({
  at: '2026-11-25T10:00:00Z',
  health: {
    overall: 'attention',
    cpuLoadPercent: 12.5,
    memoryUsedPercent: null,
    disks: [{ mount: 'C:', sizeBytes: 500e9, freeBytes: 20e9 }],
    uptimeSeconds: 3600,
    battery: null,
  },
  checks: [
    {
      id: 'disk-space:C:',
      check: 'disk-space',
      severity: 'attention',
      code: 'health.disk-space.low',
      params: { mount: 'C:', freeGb: 20, freePercent: 4, sizeGb: 500 },
    },
  ],
  updates: { pendingCount: null, rebootRequired: null, lastCheckedAt: null },
  agentVersion: '0.1.0',
});

describe('the OpenAPI file', () => {
  it('gives every operation an operationId and compiles every schema in strict mode', () => {
    const ids = Object.values(openapi.paths).flatMap((item) => Object.values(item).map((op) => (op as { operationId?: string }).operationId));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(operations.size);
    for (const name of Object.keys(openapi.components.schemas)) {
      expect(() => validateSchema(name as SchemaName, null)).not.toThrow();
    }
  });

  it('holds only valid JSON Schema 2020-12 (the agent does not check this at start)', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    const invalid = Object.entries(openapi.components.schemas).filter(([, schema]) => !ajv.validateSchema(schema));
    expect(invalid.map(([name]) => name)).toEqual([]);
  });

  it('accepts its own example policy', () => {
    expect(validateSchema('Policy', policy)).toEqual({ ok: true, value: policy });
  });
});

describe('validateSchema', () => {
  it('names the field that is wrong with a JSON pointer', () => {
    const broken = structuredClone(policy) as Record<string, Record<string, unknown>>;
    broken.health!.heartbeatSeconds = 5;
    delete broken.support!.phone;
    const result = validateSchema('Policy', broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContain('/health/heartbeatSeconds: must be >= 30');
    expect(result.issues.map((i) => i.pointer)).toContain('/support/phone');
  });

  it('tolerates fields a newer server adds to what the agent reads', () => {
    expect(validateSchema('Policy', { ...policy, future: { x: 1 }, support: { ...policy.support, chat: 'x' } }).ok).toBe(true);
  });
});

describe('validateRequest', () => {
  it('accepts a good heartbeat and refuses drift in what the agent sends', () => {
    expect(validateRequest('heartbeat', heartbeat()).ok).toBe(true);
    const drifted = { ...heartbeat(), extra: true };
    const result = validateRequest('heartbeat', drifted);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ pointer: '/extra', keyword: 'additionalProperties' });
  });

  // A check id the API does not know is accepted (openapi.json, StatusItem.check); one that is not an id at all is not.
  it('checks status items: check ids, severities, parameter types', () => {
    const body = heartbeat();
    body.checks[0]!.check = 'CPU temperature!';
    (body.checks[0]!.params as Record<string, unknown>).nested = { no: 1 };
    const result = validateRequest('heartbeat', body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const pointers = result.issues.map((i) => i.pointer);
      expect(pointers).toContain('/checks/0/check');
      expect(pointers).toContain('/checks/0/params/nested');
    }
  });

  it('limits what users type', () => {
    const body = {
      enrollmentCode: 'x'.repeat(65),
      device: {
        hostname: 'PC-01',
        serialNumber: 'S1',
        manufacturer: 'HP',
        model: 'EliteBook',
        os: { platform: 'win32', distro: 'Windows 11 Pro', release: '10.0.22631', build: '22631' },
        agentVersion: '0.1.0',
      },
    };
    expect(validateRequest('enroll', { ...body, enrollmentCode: 'DEMO-7F3K-Q2' }).ok).toBe(true);
    const result = validateRequest('enroll', body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toBe('/enrollmentCode: must NOT have more than 64 characters');
  });

  it('requires a body where the operation has one, and none where it has none', () => {
    expect(validateRequest('heartbeat', undefined).ok).toBe(false);
    expect(validateRequest('getPolicy', undefined).ok).toBe(true);
    expect(validateRequest('getPolicy', {}).ok).toBe(false);
  });

  it('throws for an operationId that does not exist (a programming error)', () => {
    expect(() => validateRequest('nope', {})).toThrow(/unknown operationId/);
  });
});

describe('validateResponse', () => {
  it('checks bodies per status, problems included', () => {
    expect(validateResponse('heartbeat', 200, { policyEtag: '"abc"' }).ok).toBe(true);
    expect(validateResponse('heartbeat', 200, {}).ok).toBe(false);
    expect(validateResponse('heartbeat', 503, { type: 'about:blank', title: 'Unavailable', status: 503 }).ok).toBe(true);
    expect(validateResponse('heartbeat', 500, { title: 'no type' }).ok).toBe(false);
    expect(validateResponse('createTicket', 422, { type: 't', title: 't', status: 422, errors: [{ field: '/description', code: 'too-long' }] }).ok).toBe(true);
  });

  it('knows which statuses have no body and refuses statuses an operation does not have', () => {
    expect(validateResponse('getPolicy', 304, undefined).ok).toBe(true);
    expect(validateResponse('getPolicy', 304, { etag: 'x' }).ok).toBe(false);
    expect(validateResponse('remoteSessionEvent', 204, undefined).ok).toBe(true);
    expect(validateResponse('getPolicy', 201, {}).ok).toBe(false);
  });
});

describe('validateEvent', () => {
  it('checks SSE payloads by event type', () => {
    expect(validateEvent('policy.changed', { etag: '"1"' }).ok).toBe(true);
    expect(validateEvent('ticket.updated', { ticketId: 't', status: 'gone' }).ok).toBe(false);
    expect(validateEvent('remote-session.requested', { request: 'not a jws' }).ok).toBe(false);
    expect(validateEvent('something.else', {}).ok).toBe(false);
  });
});

describe('validateParameters', () => {
  it('requires a ULID Idempotency-Key on ticket creation, header names in any case', () => {
    expect(validateParameters('createTicket', { header: { 'idempotency-key': '01JDQ3ZK7W6Y0A1B2C3D4E5F6G' } }).ok).toBe(true);
    const missing = validateParameters('createTicket', { header: {} });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors).toBe('/header/Idempotency-Key: is required');
    expect(validateParameters('createTicket', { header: { 'Idempotency-Key': 'not-a-ulid' } }).ok).toBe(false);
  });

  it('reads an integer query parameter as a decimal integer, and refuses anything else', () => {
    const page = (limit: string) => validateParameters('listTicketMessages', { path: { ticketId: 'tkt_1' }, query: { limit } }).ok;
    expect(['1', '50', '200'].map(page)).toEqual([true, true, true]);
    expect(['0', '201', '-5', 'tien', '1.5', '', ' 5', '1e2'].map(page)).toEqual(Array(8).fill(false));
  });

  it('checks path parameters', () => {
    expect(validateParameters('remoteSessionConsent', { path: { sessionId: 'abc_1' } }).ok).toBe(true);
    expect(validateParameters('remoteSessionConsent', { path: { sessionId: '../x' } }).ok).toBe(false);
  });
});

describe('operationFor', () => {
  it('matches templates and literal paths by method', () => {
    expect(operationFor('POST', '/remote-sessions/s1/consent')).toEqual({ operationId: 'remoteSessionConsent', params: { sessionId: 's1' } });
    expect(operationFor('GET', '/tickets')).toEqual({ operationId: 'listTickets', params: {} });
    expect(operationFor('POST', '/tickets')?.operationId).toBe('createTicket');
    expect(operationFor('DELETE', '/portal/devices/d%201/token')).toEqual({
      operationId: 'portalRevokeDeviceToken',
      params: { deviceId: 'd 1' },
    });
  });

  it('finds nothing for unknown paths, wrong methods and broken encoding', () => {
    expect(operationFor('GET', '/nope')).toBeNull();
    expect(operationFor('DELETE', '/tickets')).toBeNull();
    expect(operationFor('GET', '/tickets/')).toBeNull();
    expect(operationFor('POST', '/remote-sessions/%E0%A4%A/consent')).toBeNull();
  });
});
