import { SEGMENT_REGIONS, SegmentRegion } from '@app/config';

/** Segment's Public API hosts by region (RESOURCES.md §1); libs/config checks base URLs against them. */
export const REGIONS = SEGMENT_REGIONS;

export type Region = SegmentRegion;
export const REGION_NAMES = Object.keys(REGIONS) as Region[];
