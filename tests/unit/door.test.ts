import { describe, expect, it } from 'vitest';
import { runAction, type ShellHandlers } from '../../electron/agent/door';
import { ActionError } from '../../electron/contract';
import { fakeAgent } from '../doubles/fake-agent';

// The door every intent passes, from the IPC binding and the preview's WebSocket alike: what a
// window gets back for each kind of request, and who (agent or shell) saw it.
function door() {
  const { agent, invoked } = fakeAgent();
  const shellCalls: { name: string; request: unknown }[] = [];
  const shell: ShellHandlers = {
    'support.openPortal': (request) => {
      shellCalls.push({ name: 'support.openPortal', request });
      return { openInPage: null };
    },
    'popup.hide': (request) => void shellCalls.push({ name: 'popup.hide', request }),
    'remote.showTicket': (request) => void shellCalls.push({ name: 'remote.showTicket', request }),
    'links.open': (request) => (shellCalls.push({ name: 'links.open', request }), { openInPage: null }),
  };
  return { agent, invoked, shellCalls, run: (name: string, raw?: unknown) => runAction(agent, shell, name, raw) };
}

describe('the door (runAction)', () => {
  it('refuses an action it does not know, also one that only an object prototype has', async () => {
    const d = door();
    expect(await d.run('files.delete', {})).toEqual({ ok: false, error: { code: 'invalid-request', detail: 'unknown action files.delete' } });
    expect(await d.run('toString', {})).toEqual({ ok: false, error: { code: 'invalid-request', detail: 'unknown action toString' } });
    expect(d.invoked).toEqual([]);
    expect(d.shellCalls).toEqual([]);
  });

  it('refuses a request that fails its schema before anyone sees it', async () => {
    const d = door();
    const refused = [
      await d.run('settings.setLanguage', { language: 'de' }),
      await d.run('settings.setLanguage', { language: 'en', extra: true }), // strict: nothing smuggled along
      await d.run('popup.hide', { url: 'https://example.com' }),
    ];
    for (const outcome of refused) expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-request', detail: expect.any(String) } });
    expect(d.invoked).toEqual([]);
    expect(d.shellCalls).toEqual([]);
  });

  it('refuses a megabyte pasted into the reply box before the agent sees it, without echoing the paste', async () => {
    const d = door();
    const paste = 'plak '.repeat(200_000);
    const outcome = await d.run('tickets.sendReply', { draft: { ticketId: 't1', text: paste, intent: 'reply', includeScreenshot: false } });
    expect(outcome).toEqual({ ok: false, error: { code: 'invalid-request', detail: 'Too big: expected string to have <=20000 characters' } });
    expect(JSON.stringify(outcome).length).toBeLessThan(1000);
    expect(d.invoked).toEqual([]);
  });

  it('hands an agent action the parsed request, and its result back', async () => {
    const d = door();
    expect(await d.run('settings.setLanguage', { language: 'en' })).toEqual({ ok: true, value: undefined });
    expect(await d.run('state.get')).toEqual({ ok: true, value: d.agent.state() }); // no argument: an empty request
    expect(d.invoked).toEqual([
      { name: 'settings.setLanguage', request: { language: 'en' } },
      { name: 'state.get', request: {} },
    ]);
    expect(d.shellCalls).toEqual([]);
  });

  it('hands a shell action to the shell, never to the agent', async () => {
    const d = door();
    expect(await d.run('popup.hide', {})).toEqual({ ok: true, value: undefined });
    expect(d.shellCalls).toEqual([{ name: 'popup.hide', request: {} }]);
    expect(d.invoked).toEqual([]);
  });

  it('turns an ActionError into its code and detail, for the window to put in words', async () => {
    const d = door();
    d.agent.invoke = async () => {
      throw new ActionError('enroll-rejected', 'code expired');
    };
    expect(await d.run('admin.enroll', { code: 'DEMO-1234' })).toEqual({ ok: false, error: { code: 'enroll-rejected', detail: 'code expired' } });
    expect(d.agent.log.recent()).toEqual([]);
  });

  it('turns any other error into `internal` without its text, and logs what happened', async () => {
    const d = door();
    d.agent.invoke = async () => {
      throw new Error('ENOENT: /home/anna/secret/path');
    };
    expect(await d.run('health.refresh', {})).toEqual({ ok: false, error: { code: 'internal' } });
    expect(d.agent.log.recent()).toEqual([
      expect.objectContaining({ level: 'error', msg: 'action failed', data: { action: 'health.refresh', error: 'Error: ENOENT: /home/anna/secret/path' } }),
    ]);
  });
});
