import type { EnrollmentDevice } from '../hallo-api/types';
import { defineCapability } from '../capability';
import { createConnectionService, type ConnectionService } from './service';

/** The agent's life with the hallo, API: enrolment, policy, heartbeats, the event stream. */
export const connectionCapability = defineCapability({
  name: 'connection',
  slices: ['connection', 'config'],
  initial: () => ({
    connection: {
      status: 'starting',
      demo: false,
      apiUrl: null,
      deviceId: null,
      tenantName: null,
      lastContactAt: null,
      nextAttemptAt: null,
      lastError: null,
    },
    config: { files: [], problems: [], policySource: 'defaults', policyEtag: null },
  }),
  create(ctx, store) {
    /** The PC as enrolment describes it, from the health probes. */
    async function enrollmentDevice(): Promise<EnrollmentDevice> {
      const device = await ctx.device();
      return {
        hostname: device.hostname,
        serialNumber: device.serialNumber,
        manufacturer: device.manufacturer,
        model: device.model,
        os: { platform: device.os.platform, distro: device.os.distro, release: device.os.release, build: device.os.build },
        agentVersion: ctx.options.appVersion,
      };
    }
    // Made at start: the managed configuration it is built on is read then.
    let connection: ConnectionService | null = null;
    return {
      actions: {
        'admin.enroll': ({ code }) => {
          if (!connection) throw new Error('agent not started');
          return connection.enroll(code);
        },
      },
      async start() {
        connection = createConnectionService({
          store,
          log: ctx.log,
          ports: ctx.ports,
          options: ctx.options,
          config: ctx.config(),
          device: enrollmentDevice,
          heartbeatBody: ctx.heartbeat,
          onPolicy: ctx.receivePolicy,
          onServerEvent: ctx.receiveEvent,
        });
        await connection.start();
      },
      stop: () => connection?.stop(),
      api: () => connection?.api() ?? null,
    };
  },
});
