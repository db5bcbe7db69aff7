// Baseline of benchmark 2: the transport floor of an abandonment flow on this machine, with
// Sara's shape but none of its work (no database, no validation, no logging): an Express 5
// process verifies the HMAC and adds a BullMQ job; a worker process takes it, adds an outbound
// job, and a second worker POSTs the template-sized message to the Graph API URL. Two queue
// hops and two processes, like Sara's ingress → worker-abandonment → outbound sender.
// ROLE=ingress|worker; REDIS_URL, QUEUE_PREFIX, PAYMENT_WEBHOOK_SECRET, GRAPH_URL from env.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { listenAndAnnounce, requireEnv as env, signedWebhookApp } from './lib/express.js';

const connection = () => new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
const prefix = env('QUEUE_PREFIX');
const jobOptions = { removeOnComplete: { count: 10_000 }, removeOnFail: { count: 10_000 } };

if (env('ROLE') === 'ingress') {
  const received = new Queue('reference-received', { connection: connection(), prefix });
  const app = signedWebhookApp(env('PAYMENT_WEBHOOK_SECRET'), async (raw, res) => {
    const event = JSON.parse(raw.toString('utf8')) as { abandonmentId: string; phone: string; name: string };
    await received.add('abandonment', { phone: event.phone, name: event.name }, { ...jobOptions, jobId: event.abandonmentId });
    res.json({ status: 'received', abandonmentId: event.abandonmentId });
  });
  listenAndAnnounce(app, 'reference pipeline listening');
} else {
  const graphUrl = env('GRAPH_URL');
  const outbound = new Queue('reference-outbound', { connection: connection(), prefix });
  const workers = [
    new Worker('reference-received', async (job) => void (await outbound.add('send', job.data, jobOptions)), {
      connection: connection(),
      prefix,
      concurrency: 10,
    }),
    new Worker(
      'reference-outbound',
      async (job) => {
        const { phone, name } = job.data as { phone: string; name: string };
        const response = await fetch(`${graphUrl}/106540352242922/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer reference' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            to: phone.slice(1),
            type: 'template',
            template: {
              name: 'sara_carrinho_abandonado',
              language: { code: 'pt_BR' },
              components: [{ type: 'body', parameters: [{ type: 'text', text: name }] }],
            },
          }),
        });
        if (!response.ok) throw new Error(`Graph answered ${response.status}`);
        await response.arrayBuffer();
      },
      { connection: connection(), prefix, concurrency: 10 },
    ),
  ];
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  console.log(JSON.stringify({ msg: 'reference worker consuming' }));
  process.once('SIGTERM', () => void Promise.all(workers.map((worker) => worker.close())).then(() => process.exit(0)));
}
