/** The wire contract between renderer and signaling server. Imports nothing from Node or the DOM. */
export * from './errors';
export * from './limits';
export * from './schemas';
export * from './types';
export * from './events';
export * from './sfu';
export * from './meetings';
export * from './reactions';
export * from './recording';
