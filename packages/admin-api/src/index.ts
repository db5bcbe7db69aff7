export type * from './answers.js';
export { auditAdminRoutes } from './audit.routes.js';
export { buyersAdminRoutes, type BuyersAdminDeps } from './buyers.routes.js';
export { noAudit, type AuditHook } from './mount.js';
export { offersAdminRoutes, type OffersAdminDeps } from './offers.routes.js';
export { MAX_LIMIT, MAX_OFFSET, paginationRules, singleQuery } from './pagination.js';
export { paymentsAdminRoutes, type PaymentsAdminDeps } from './payments.routes.js';
export { recoveryAdminRoutes } from './recovery.routes.js';
export { reportAdminRoutes } from './report.routes.js';
