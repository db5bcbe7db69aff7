export { MAX_LIMIT, MAX_OFFSET, paginationRules, singleQuery } from './pagination.js';
export { auditAdminRoutes } from './audit.routes.js';
export { buyersAdminRoutes, type BuyersAdminDeps } from './buyers.routes.js';
export { offersAdminRoutes } from './offers.routes.js';
export { paymentsAdminRoutes } from './payments.routes.js';
export { recoveryAdminRoutes } from './recovery.routes.js';
export { reportAdminRoutes } from './report.routes.js';
