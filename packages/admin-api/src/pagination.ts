import { query } from 'express-validator';

/** The largest page an admin list answers. */
export const MAX_LIMIT = 500;

/**
 * The largest offset accepted: a 32-bit integer, which Prisma's `skip`, Postgres' OFFSET and
 * Redis' ranges all take (offset + limit included). No admin list comes near it; a bigger
 * number is a typo or a probe, answered 400 rather than a 500 from whichever store chokes.
 */
export const MAX_OFFSET = 2_147_483_647 - MAX_LIMIT;

/**
 * A query parameter that must appear once: a repeated one (`?limit=1&limit=2`) arrives as a
 * list, which express-validator would check item by item and hand on as an array.
 */
export function singleQuery(field: string) {
  return query(field)
    .optional()
    .custom((value: unknown) => typeof value === 'string')
    .withMessage('must be given once')
    .bail();
}

/** `limit` and `offset` of every admin list, each named when wrong. */
export const paginationRules = [
  singleQuery('limit').isInt({ min: 1, max: MAX_LIMIT }).withMessage(`must be an integer from 1 to ${MAX_LIMIT}`).toInt(),
  singleQuery('offset').isInt({ min: 0, max: MAX_OFFSET }).withMessage(`must be an integer from 0 to ${MAX_OFFSET}`).toInt(),
];
