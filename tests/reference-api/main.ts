import { parseArgs } from 'node:util';
import { isIP } from 'node:net';
import { createInterface } from 'node:readline';
import { cliErrorLine } from '../../electron/preview/cli-error';
import { FORGERIES, type Forgery } from './forgery';
import { startReferenceApi, type ReferenceApi } from './server';
import { remoteAsk, technician } from './testing';

// `npm run reference-api -- --port N [--host 127.0.0.1] [--control]`: the reference API on its
// own, for demos and launchers. The READY line is for machines; the others are for people. With
// --control, the lines `stop` and `start` on standard input take it off the network and bring it
// back on the same port with all its data (an outage, for demos and end-to-end tests), and
// `forge KIND DEVICE_ID` sends that device a forged remote-session request (FORGED {...}).

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'enrollment-code': { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      control: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not ${values.port}`);
  const host = values.host;
  if (!LOOPBACK.has(host) && !(values['allow-remote'] && isIP(host))) {
    throw new Error(`--host ${host}: only loopback addresses, unless --allow-remote is given with an IP address`);
  }

  const api = await startReferenceApi({ port, host, enrollmentCode: values['enrollment-code'] });
  process.stdout.write(
    [
      `hallo, reference API on ${api.url}`,
      `portal token: ${api.portalToken}`,
      `enrollment code: ${api.enrollmentCode}`,
      `READY ${JSON.stringify({ url: api.url, portalToken: api.portalToken, enrollmentCode: api.enrollmentCode })}`,
      '',
    ].join('\n'),
  );
  if (values.control) {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      const [command = '', ...args] = line.trim().split(/\s+/);
      if (command === 'forge') return void forge(api, args).then((answer) => process.stdout.write(`${answer}\n`));
      if (command !== 'stop' && command !== 'start') return void process.stdout.write(`unknown command: ${command}\n`);
      void api[command]().then(() => process.stdout.write(`${command === 'stop' ? 'STOPPED' : 'STARTED'}\n`));
    });
  }
  const shutdown = () => void api.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * `forge KIND DEVICE_ID`: a forged remote-session request (forgery.ts) on the device's event stream,
 * for demos; those signed with this server's own key cannot be made with curl.
 */
async function forge(api: ReferenceApi, [kind = '', deviceId = '']: string[]): Promise<string> {
  if (!(kind in FORGERIES)) return `forge: KIND is one of ${Object.keys(FORGERIES).join(', ')}`;
  const { request, sessionId } = await api.forge(kind as Forgery, remoteAsk({ deviceId }));
  try {
    const eventId = await technician(api).sendRequest(deviceId, request);
    return `FORGED ${JSON.stringify({ kind, sessionId, eventId })}`;
  } catch (error) {
    return `forge: ${error instanceof Error ? error.message : String(error)}`;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${cliErrorLine('reference-api', error)}\n`);
  process.exit(1);
});
