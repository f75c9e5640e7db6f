/** The one contract shared by the extension and the API. */
export * from './common';
export * from './auth';
export * from './quality';
export * from './adapter';
export * from './guideline';
export * from './import-jobs';
export * from './my-quality';
export * from './gap-report';
export * from './inbox';
export * from './survey';
export * from './metrics';
