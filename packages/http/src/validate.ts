import { AppError } from '@sara/domain';
import type { RequestHandler } from 'express';
import { validationResult, type ContextRunner } from 'express-validator';

/**
 * Runs express-validator chains and answers the first problem per field in the design's
 * format: details.field and details.reason, plus every problem found. The rejected value is
 * never echoed: it may be a phone number.
 */
export function validate(chains: ContextRunner[]): RequestHandler {
  return async (req, _res, next) => {
    for (const chain of chains) await chain.run(req);
    const problems = validationResult(req).array({ onlyFirstError: true });
    const first = problems[0];
    if (!first) {
      next();
      return;
    }
    const fieldOf = (problem: (typeof problems)[number]) => (problem.type === 'field' ? problem.path : problem.type);
    next(
      new AppError('VALIDATION_ERROR', `${fieldOf(first)}: ${String(first.msg)}`, {
        status: 400,
        details: {
          field: fieldOf(first),
          reason: String(first.msg),
          errors: problems.map((problem) => ({ field: fieldOf(problem), reason: String(problem.msg) })),
        },
      }),
    );
  };
}
