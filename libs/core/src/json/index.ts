export * from './canonical';
export * from './pointer';
export * from './equal';
