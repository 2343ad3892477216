import { KindName } from './kind';

/** `kind\u0000id`: one map key for a resource (ids are unique only within a kind). */
export const resourceKey = (kind: KindName, id: string): string => `${kind}\u0000${id}`;

/** `kind\u0000naturalKey`: one map key for a resource by its natural key (unique only within a kind, and not always). */
export const naturalResourceKey = (kind: KindName, naturalKey: string): string => `${kind}\u0000${naturalKey}`;
