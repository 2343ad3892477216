export * from './kind';
export * from './kind-catalog';
export * from './token';
