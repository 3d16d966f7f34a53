// A stand-in for powershell.exe that speaks the host's framing (electron/agent/platform/powershell-host.ts):
// one line per call, the script in base64, `END-<id>` after its output. What it does is in the script:
//   json <text>   prints <text>            garbage   prints text that is not JSON
//   hang          never answers            die       exits in the middle of the call
//   throw <msg>   fails as a script does   pid       prints {"pid": <its process id>}
//   flood         prints far too much
// The Windows checks script (electron/agent/checks/windows-script.ts, known by its `$parts = @(…)`
// line) is answered part by part from HALLO_STAND_IN_CHECKS (JSON): `{ "<part>": <the part's entry> }`
// gives the document the script would print for the parts asked (a part not listed: failed);
// a part whose entry is "hang" hangs the whole call, as a process stuck outside the runspaces would;
// the whole value "language-mode" fails as PowerShell does in Constrained Language Mode. With
// HALLO_STAND_IN_LOG set, each call appends the parts it asked for, one line per call.
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

function checksAnswer(asked) {
  if (process.env.HALLO_STAND_IN_LOG) appendFileSync(process.env.HALLO_STAND_IN_LOG, `${asked.join(',')}\n`);
  const config = JSON.parse(process.env.HALLO_STAND_IN_CHECKS ?? '{}');
  if (config === 'language-mode') return { error: 'Cannot invoke method. Method invocation is supported only on core types in this language mode.' };
  if (asked.some((part) => config[part] === 'hang')) return 'hang';
  const parts = Object.fromEntries(asked.map((part) => [part, config[part] ?? { error: 'failed', detail: 'the stand-in has no answer', ms: 1 }]));
  return { json: JSON.stringify({ schema: 1, parts }) };
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const id = /'END-([0-9a-f-]+)'/.exec(line)?.[1];
  const encoded = /FromBase64String\('([A-Za-z0-9+/=]*)'\)/.exec(line)?.[1];
  if (!id || encoded === undefined) return;
  const script = Buffer.from(encoded, 'base64').toString('utf8');
  const checks = /^\$parts = @\(([^)]*)\)/m.exec(script);
  if (checks) {
    const answer = checksAnswer([...checks[1].matchAll(/'([^']+)'/g)].map((m) => m[1]));
    if (answer === 'hang') return;
    process.stdout.write(answer.error ? `ERROR-${id} ${answer.error}\n` : `${answer.json}\n`);
    process.stdout.write(`END-${id}\n`);
    return;
  }
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
