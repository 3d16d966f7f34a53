// "Mijn meldingen" belongs to the device and the API that listed it. After enrolling with another
// API or as another device, the old list is not this PC's any more: it is cleared at once rather
// than shown until the new API answers (tickets still in the outbox are not touched).

export interface ListOwner {
  deviceId: string | null;
  apiUrl: string | null;
}

/** True when the list was fetched by another device or from another API than the one now enrolled. */
export function listIsForeign(owner: ListOwner | null, now: ListOwner): boolean {
  if (!owner || !now.deviceId) return false; // an older file without an owner, or not enrolled yet
  return owner.deviceId !== now.deviceId || owner.apiUrl !== now.apiUrl;
}
