export * from './state';
export * from './tickets';
export * from './actions';
export * from './events';
export * from './errors';
export type * from './bridge';
export * from './channels';
export * from './text';
export * from './ticket-defaults';
