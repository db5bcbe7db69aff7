// Baseline of benchmark 1: Express 5 with no middleware, answering every request with a small
// JSON body, on the same machine and Node as the ingress. Run as its own process.
import { listenAndAnnounce, loadExpress } from './lib/express.js';

const app = loadExpress()();
// The same two settings the ingress makes, so the comparison is about the work, not defaults.
app.disable('x-powered-by');
app.disable('etag');
app.use((_req, res) => res.json({ hello: 'world' }));
listenAndAnnounce(app, 'bare express listening');
