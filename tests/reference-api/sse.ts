import type { ServerResponse } from 'node:http';
import { validateEvent } from '../../electron/agent/hallo-api/validator';
import type { StoredEvent, Store } from './store';

interface Stream {
  res: ServerResponse;
  timer: ReturnType<typeof setInterval>;
}

/** The open `/events` streams, per device, and the one way to send an event to a device. */
export class EventStreams {
  private readonly open = new Map<string, Set<Stream>>();

  constructor(
    private readonly store: Store,
    private readonly keepAliveMs: number,
  ) {}

  /** Starts a stream: replays what came after `lastEventId`, then follows the device's log. */
  attach(deviceId: string, res: ServerResponse, lastEventId: string | null): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    // A comment at once: clients (and proxies) see a live stream before the first event.
    res.write(': hallo, reference API\n\n');
    const after = lastEventId !== null && /^\d+$/.test(lastEventId) ? Number(lastEventId) : Infinity;
    if (after !== Infinity) for (const event of this.store.eventsAfter(deviceId, after)) write(res, event);

    const stream: Stream = { res, timer: setInterval(() => res.write(': keep-alive\n\n'), this.keepAliveMs) };
    const set = this.open.get(deviceId) ?? new Set();
    set.add(stream);
    this.open.set(deviceId, set);
    res.on('close', () => {
      clearInterval(stream.timer);
      set.delete(stream);
    });
  }

  /** Validates, logs and delivers one event. An invalid payload is a server bug: recorded, not sent. */
  emit(deviceId: string, type: string, data: unknown): void {
    const checked = validateEvent(type, data);
    if (!checked.ok) {
      this.store.received.serverErrors.push({ operationId: `event:${type}`, status: 0, errors: checked.errors });
      return;
    }
    this.deliver(deviceId, type, data);
  }

  /** Logs and delivers one event as it is, unchecked (the portal's raw events; `emit` checks first). */
  deliver(deviceId: string, type: string, data: unknown): StoredEvent {
    const event = this.store.append(deviceId, type, data);
    for (const stream of this.open.get(deviceId) ?? []) write(stream.res, event);
    return event;
  }

  /** Ends a device's streams (its token was revoked). */
  closeDevice(deviceId: string): void {
    for (const stream of this.open.get(deviceId) ?? []) stream.res.destroy();
  }

  closeAll(): void {
    for (const deviceId of this.open.keys()) this.closeDevice(deviceId);
  }
}

function write(res: ServerResponse, event: StoredEvent): void {
  res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
}
