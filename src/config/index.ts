export * from './config';
export * from './clouds';
export * from './production-config';
