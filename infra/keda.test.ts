import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { JOBS } from '../packages/jobs/src/catalog.js';
import { QUEUES, type QueueName } from '../packages/jobs/src/queues.js';
import { TEST_REDIS_URL } from '../test/test-env.js';
import { WORKERS } from './test-support/env-schemas.js';
import { configMap, deployment, find } from './test-support/k8s.js';
import { readText, sourceOf } from './test-support/repo.js';

describe('KEDA', () => {
  // What each worker consumes; checked against its source below.
  const CONSUMES: Record<(typeof WORKERS)[number], QueueName[]> = {
    'worker-abandonment': [QUEUES.abandonment, QUEUES.recoveryStep, QUEUES.retention],
    'worker-payment': [QUEUES.payment],
    'worker-conversation': [QUEUES.whatsappInbound, QUEUES.whatsappOutbound],
  };
  const jobKey = (name: QueueName) => Object.entries(JOBS).find(([, job]) => job.queue === name)![0];
  const listNames = (worker: string) =>
    find('ScaledObject', `sara-${worker}`).spec.triggers.map((trigger: { metadata: { listName: string } }) => trigger.metadata.listName);

  it('knows which queues each worker consumes', () => {
    expect(Object.values(CONSUMES).flat().sort()).toEqual(Object.values(QUEUES).sort());
    for (const [worker, queues] of Object.entries(CONSUMES)) {
      const source = sourceOf(`apps/${worker}/src`);
      const [primary, ...companions] = queues;
      expect(source, worker).toContain(`job: '${jobKey(primary!)}'`);
      // Companions: the outbound sender in the conversation worker, the follow-up steps in the abandonment worker.
      const companionStarters: Partial<Record<QueueName, [string, string]>> = {
        [QUEUES.whatsappOutbound]: ['startOutboundWorker(', 'packages/runtime/src/outbound-worker.ts'],
        [QUEUES.recoveryStep]: ['startRecoveryStepWorker(', 'packages/runtime/src/recovery-step-worker.ts'],
        [QUEUES.retention]: ['startRetentionWorker(', 'packages/runtime/src/retention-worker.ts'],
      };
      for (const companion of companions) {
        const [starter, file] = companionStarters[companion]!;
        expect(source, worker).toContain(starter);
        expect(readText(file)).toContain(`job: '${jobKey(companion)}'`);
      }
    }
  });

  it('scales each worker Deployment on the wait lists of the queues it consumes', () => {
    for (const worker of WORKERS) {
      const scaled = find('ScaledObject', `sara-${worker}`);
      expect(scaled.spec.scaleTargetRef.name, worker).toBe(deployment(worker).metadata.name);
      // Delayed retries are not in the wait list; a replica must stay to promote them.
      expect(scaled.spec.minReplicaCount, worker).toBeGreaterThanOrEqual(1);
      expect(listNames(worker).sort(), worker).toEqual(CONSUMES[worker].map((queue) => `${configMap.QUEUE_PREFIX}:${queue}:wait`).sort());
      for (const trigger of scaled.spec.triggers) {
        expect(trigger.type, worker).toBe('redis');
        expect(Number(trigger.metadata.listLength), worker).toBeGreaterThan(0);
        const auth = find('TriggerAuthentication', trigger.authenticationRef.name);
        const parameters = auth.spec.secretTargetRef.map((ref: { parameter: string }) => ref.parameter);
        expect(parameters, worker).toEqual(expect.arrayContaining(['address', 'password']));
        for (const ref of auth.spec.secretTargetRef) expect(Object.keys(find('Secret', ref.name).stringData)).toContain(ref.key);
      }
    }
  });

  describe('against a real Redis', () => {
    const prefix = `infra-keda-${process.pid}-${Date.now()}`;
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection, prefix }));
    afterAll(async () => {
      await Promise.all(
        queues.map(async (queue) => {
          await queue.obliterate({ force: true });
          await queue.close();
        }),
      );
      connection.disconnect();
    });

    it('watches the Redis list where BullMQ keeps waiting jobs', async () => {
      for (const queue of queues) await queue.add('probe', { webhookLogId: 'keda-probe' });
      for (const worker of WORKERS) {
        for (const listName of listNames(worker)) {
          const key = listName.replace(new RegExp(`^${configMap.QUEUE_PREFIX}:`), `${prefix}:`);
          expect(await connection.type(key), key).toBe('list');
          expect(await connection.llen(key), key).toBe(1);
        }
      }
    });
  });
});
