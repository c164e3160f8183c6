export * from './config';
export * from './clouds';
export * from './production-config';
export * from './redis-config';
