export * from './state';
export * from './actions';
export * from './events';
export type * from './bridge';
