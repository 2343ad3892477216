export * from './change-rule';
export * from './evaluate';
