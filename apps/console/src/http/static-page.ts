import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/**
 * The built page (web/dist): hashed assets cached for a year, index.html never cached, and any
 * other GET outside /api answered with index.html so the router's links survive a reload.
 */
export function staticPage(webRoot: string): Router {
  const router = Router();
  const index = join(webRoot, 'index.html');
  router.use('/assets', express.static(join(webRoot, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(webRoot, { index: false }));
  router.get(/^\/(?!api\/|api$).*/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The console page is not built: run `scripts/pnpm.sh build`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
