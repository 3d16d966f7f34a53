// Kept free of zod: the renderer's fields and counters use it too.

/**
 * The hallo, API's hard limits on what a ticket and its contact may hold, in characters as the API
 * counts them (code points). One place: the contract's schemas, the agent's draft checker and
 * remembered contact, and the form's fields read them here, and a test holds them equal to
 * openapi.json (Contact, TicketCreateRequest, Diagnostics.relatedItemId). A policy may set a
 * smaller description limit; that one is checked by the agent with a code.
 */
export const FIELD_LIMITS = {
  'contact.name': 200,
  'contact.phone': 40,
  'contact.email': 254, // RFC 5321's longest path, less the angle brackets
  description: 20_000,
  categoryId: 32,
  relatedItemId: 300, // a StatusItem.id: a long mount point makes a long id
} as const;
