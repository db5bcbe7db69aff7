export { buyerTimeZone, BRAZIL_ZONE_BY_DDD } from './buyer-time.js';
export { checkQuietHours, formatQuietHours, isQuiet, nextSendableAt, parseQuietHours, type QuietHours } from './quiet-hours.js';
export {
  cohortOf,
  holdoutReport,
  MAX_HOLDOUT_PERCENT,
  wilsonInterval,
  type Cohort,
  type CohortCounts,
  type CohortRate,
  type HoldoutReport,
} from './holdout.js';
export { isTimeZone } from './zoned-time.js';
