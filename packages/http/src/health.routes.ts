import type { PrismaClient } from '@sara/domain';
import { probe } from '@sara/observability';
import { Router } from 'express';
import type { Redis } from 'ioredis';

export function healthRoutes(deps: { prisma: PrismaClient; redis: Redis }): Router {
  const router = Router();

  // Liveness: the process answers. Never checks dependencies, or an outage restarts every pod.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: take no traffic unless Postgres (where a 2xx is made durable) and Redis answer.
  router.get('/ready', async (_req, res) => {
    const [postgres, redis] = await Promise.all([probe(() => deps.prisma.$queryRaw`SELECT 1`), probe(() => deps.redis.ping())]);
    const ready = postgres === 'ok' && redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: { postgres, redis } });
  });

  return router;
}
