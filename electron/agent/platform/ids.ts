// The ids the agent sends with an Idempotency-Key (a ticket, a reply, a restart's outcome): ULIDs
// from one monotonic factory, so that two made in the same millisecond still sort in order. ulid,
// and node:crypto with it (about 2 MB), load at the first id: most agents make none for days.

let factory: Promise<(seedTime?: number) => string> | null = null;

export async function newUlid(at: number): Promise<string> {
  const make = await (factory ??= import('ulid').then((ulid) => ulid.monotonicFactory()));
  return make(at);
}
