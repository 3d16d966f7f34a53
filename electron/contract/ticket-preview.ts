import { z } from 'zod';
import { HistoryPoint, StatusItem } from './state';

// "Bekijk wat er wordt meegestuurd": the request body of Send exactly as the API gets it
// (openapi.json TicketCreateRequest), except that each attachment is shown as its name, type and
// size. Strict where bytes could slip in: a screenshot's data never reaches the page this way.

const Process = z.object({ name: z.string(), pid: z.number(), cpuPercent: z.number(), memoryBytes: z.number() });
const Percent = z.number().nullable();

export const TicketPreview = z
  .object({
    subject: z.string(),
    description: z.string(),
    category: z.string(),
    urgency: z.enum(['low', 'normal', 'high', 'critical']),
    contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
    diagnostics: z.object({
      collectedAt: z.string(),
      appVersion: z.string(),
      device: z.object({
        hostname: z.string(),
        serialNumber: z.string(),
        manufacturer: z.string(),
        model: z.string(),
        os: z.object({ platform: z.string(), distro: z.string(), release: z.string(), build: z.string() }),
        agentVersion: z.string(),
        cpu: z.string(),
        memoryBytes: z.number(),
      }),
      health: z.object({
        overall: z.enum(['ok', 'attention', 'problem', 'offline']),
        cpuLoadPercent: Percent,
        memoryUsedPercent: Percent,
        disks: z.array(z.object({ mount: z.string(), sizeBytes: z.number(), freeBytes: z.number() })),
        uptimeSeconds: z.number().nullable(),
        battery: z.object({ percent: z.number(), charging: z.boolean(), healthPercent: z.number().nullable() }).nullable(),
        history: z.array(HistoryPoint),
      }),
      checks: z.array(StatusItem.extend({ check: z.string() })), // the API takes check ids it does not know
      updates: z.object({ pendingCount: z.number().nullable(), rebootRequired: z.boolean().nullable(), lastCheckedAt: z.string().nullable() }),
      recentErrors: z.array(z.object({ at: z.string(), level: z.enum(['warn', 'error']), scope: z.string(), msg: z.string() })),
      processes: z.object({ byCpu: z.array(Process), byMemory: z.array(Process) }).nullable(),
      relatedItemId: z.string().nullable().optional(),
    }),
    attachments: z.array(z.object({ name: z.string(), contentType: z.string(), bytes: z.number() }).strict()),
  })
  .strict();
export type TicketPreview = z.infer<typeof TicketPreview>;
