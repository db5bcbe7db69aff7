export { createBrain, zAiEnv } from './config.js';
export { OpenAiBrain } from './openai-brain.js';
