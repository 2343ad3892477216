export * from './canonical';
export * from './pointer';
