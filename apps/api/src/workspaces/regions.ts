/** Segment's Public API hosts by region (RESOURCES.md §1). */
export const REGIONS = {
  us: 'https://api.segmentapis.com',
  eu: 'https://eu1.api.segmentapis.com',
} as const;

export type Region = keyof typeof REGIONS;
export const REGION_NAMES = Object.keys(REGIONS) as Region[];
