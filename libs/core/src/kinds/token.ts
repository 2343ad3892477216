/** Dependency-injection token for the kind catalog (its entries live in libs/segment). */
export const KIND_CATALOG = 'KIND_CATALOG';
