export * from './config/app-config.js';
export * from './database/database.module.js';
export * from './database/data-dir-lock.js';
export * from './database/embedded-postgres.js';
export * from './errors/domain-error.js';
export * from './control/control-socket.js';
export * from './errors/startup-errors.js';
export * from './logging/startup-logger.js';
