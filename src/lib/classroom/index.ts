export * from './types';
export * from './join-code';
export * from './class-settings';
export * from './consent';
export * from './student-stage';
export * from './class-export';
