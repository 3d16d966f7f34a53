// A stand-in for powershell.exe that speaks the host's framing (electron/agent/platform/powershell-host.ts):
// one line per call, the script in base64, `END-<id>` after its output. What it does is in the script:
//   json <text>   prints <text>            garbage   prints text that is not JSON
//   hang          never answers            die       exits in the middle of the call
//   throw <msg>   fails as a script does   pid       prints {"pid": <its process id>}
//   flood         prints far too much
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const id = /'END-([0-9a-f-]+)'/.exec(line)?.[1];
  const encoded = /FromBase64String\('([A-Za-z0-9+/=]*)'\)/.exec(line)?.[1];
  if (!id || encoded === undefined) return;
  const script = Buffer.from(encoded, 'base64').toString('utf8');
  const [verb, ...rest] = script.split(' ');
  const arg = rest.join(' ');
  const answer = (text) => {
    process.stdout.write(text);
    process.stdout.write(`END-${id}\n`);
  };
  if (verb === 'json') answer(`${arg}\n`);
  else if (verb === 'garbage') answer('WARNING: the module could not be loaded\r\nDone.\r\n');
  else if (verb === 'die') process.exit(3);
  else if (verb === 'throw') answer(`ERROR-${id} ${arg}\n`);
  else if (verb === 'pid') answer(`${JSON.stringify({ pid: process.pid })}\n`);
  else if (verb === 'flood') answer('x'.repeat(64 * 1024));
  // 'hang': no answer at all
});
