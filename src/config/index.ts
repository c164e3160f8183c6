export * from './config';
export * from './clouds';
