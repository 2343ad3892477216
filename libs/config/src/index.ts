export * from './load-config';
export * from './simulator.config';
