export * from './feed.types.js';
export * from './atom-writer.js';
export * from './feed-addresses.js';
export * from './action-feed.service.js';
export * from './figure-feed.service.js';
