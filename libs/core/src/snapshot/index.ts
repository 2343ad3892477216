export * from './changes';
export * from './observed';
