import { AppError } from '@sara/domain';
import { QueueInspector, type QueueName } from '@sara/jobs';
import { Router } from 'express';
import { matchedData, param } from 'express-validator';
import { paginationRules } from '@sara/admin-api';
import { fromRedis } from '../http/redis-unavailable.js';
import { validate } from '@sara/http';

const queueParam = param('queue')
  .custom((value: string) => QueueInspector.isQueueName(value))
  .withMessage('must be a Sara queue name');

/**
 * Failed jobs stay in Redis (by count) until an operator looks: list them, retry one, or retry
 * a whole queue's failures once the cause is fixed. Mounted behind the admin token.
 */
export function jobsAdminRoutes(inspector: QueueInspector): Router {
  const router = Router();

  router.get('/queues/:queue/failed', validate([queueParam, ...paginationRules]), async (req, res) => {
    const { queue, limit = 50, offset = 0 } = matchedData(req) as { queue: QueueName; limit?: number; offset?: number };
    const page = await fromRedis(inspector.listFailed(queue, { limit, offset }));
    res.json({ ...page, pagination: { limit, offset, total: page.total } });
  });

  router.post('/queues/:queue/failed/:jobId/retry', validate([queueParam]), async (req, res) => {
    const { queue } = matchedData(req) as { queue: QueueName };
    const jobId = req.params.jobId as string;
    if (!(await fromRedis(inspector.retry(queue, jobId)))) {
      throw new AppError('NOT_FOUND', 'No failed job with that id in this queue', { status: 404, details: { queue, jobId } });
    }
    res.json({ status: 'retried', queue, jobId });
  });

  router.post('/queues/:queue/failed/retry', validate([queueParam]), async (req, res) => {
    const { queue } = matchedData(req) as { queue: QueueName };
    res.json({ status: 'retried', queue, count: await fromRedis(inspector.retryAllFailed(queue)) });
  });

  return router;
}
