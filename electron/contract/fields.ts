// Kept free of zod so that the renderer can use it without pulling schemas into its bundle.

/** The report form's fields a problem can point at, in the order the form shows them; `ticket`: the whole ticket. */
export const DRAFT_FIELDS = ['description', 'categoryId', 'impact', 'contact.name', 'contact.phone', 'contact.email', 'screenshot', 'ticket'] as const;
