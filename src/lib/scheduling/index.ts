export * from './fair-priority';
