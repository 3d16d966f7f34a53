/**
 * The file writes of a service that can stop: each runs only while the gate is open, and close()
 * waits for those under way. An answer or a timer that settles after a stop then finds the gate
 * shut, so that nothing writes into a data folder that may be on its way out (an uninstall, a
 * test's cleanup).
 */
export interface WriteGate {
  /** Runs `write` while open (its promise should not reject); after close() it does nothing. */
  run(write: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export function createWriteGate(): WriteGate {
  let open = true;
  const underWay = new Set<Promise<void>>();
  return {
    async run(write) {
      if (!open) return;
      const done = write();
      underWay.add(done);
      try {
        await done;
      } finally {
        underWay.delete(done);
      }
    },
    async close() {
      open = false;
      await Promise.allSettled(underWay);
    },
  };
}
