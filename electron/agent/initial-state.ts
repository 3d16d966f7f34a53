// Kept as the one import for tests and tools that need a state before anything is known.
export { initialState } from './capabilities';
