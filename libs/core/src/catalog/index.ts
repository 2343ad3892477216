export * from './kind';
export * from './kind-catalog';
