export * from './batches';
export * from './bodies';
export * from './order';
export * from './planner';
export * from './scope';
export * from './types';
export * from './substitutions';
export * from './step-scheduler';
