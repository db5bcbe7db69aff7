export { createBrain, zAiEnv, type AiEnv } from './config.js';
export { OpenAiBrain, type OpenAiBrainOptions } from './openai-brain.js';
