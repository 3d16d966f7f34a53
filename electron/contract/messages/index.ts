import { nl } from './nl';
import { en } from './en';

// One message catalog for the renderer and the shell (tray tooltip, menu, notifications).
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalog = Widen<typeof nl>;

export const catalogs = { nl, en } as const;
