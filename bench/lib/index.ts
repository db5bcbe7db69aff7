// The benchmarks' shared helpers: signing and event bodies, processes, load generation,
// resource sampling, statistics and tables. Import from here.
export * from './cpu-profile.js';
export * from './environment.js';
export * from './events.js';
export * from './flows.js';
export * from './load.js';
export * from './metrics.js';
export * from './outcome.js';
export * from './processes.js';
export * from './resources.js';
export * from './stack.js';
export * from './stats.js';
export * from './table.js';
export * from './webhook-load.js';
