export { createErrorHandler, sendError, toAppError } from './error-response.js';
export { exposeRequestId, requestContext } from './request-context.js';
export { validate } from './validate.js';
export { healthRoutes } from './health.routes.js';
