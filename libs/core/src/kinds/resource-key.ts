import { KindName } from './kind';

/** `kind\u0000id`: one map key for a resource (ids are unique only within a kind). */
export const resourceKey = (kind: KindName, id: string): string => `${kind}\u0000${id}`;
