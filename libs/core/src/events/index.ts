export * from './workspace-events';
