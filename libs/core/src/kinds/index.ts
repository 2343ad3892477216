export * from './kind';
export * from './kind-catalog';
export * from './token';
export * from './resource-key';
