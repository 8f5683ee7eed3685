// The job system's public surface: define jobs, register them, enqueue them.
export { defineJob, defineScheduledJob, type EnqueueOptions, type JobContext, type JobDefinition } from './definitions.ts';
export { createJobSystem, type JobSystem, type JobSystemOptions } from './system.ts';
export { registerJobAdminRoutes } from './admin-routes.ts';
