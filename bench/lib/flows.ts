import type { FakeGraphServer } from '../../packages/whatsapp/src/test-support/fake-graph-server.js';
import { waitFor } from '../../test/support/wait-for.js';
import { graphRecipient } from './events.js';
import type { Exchange } from './load.js';
import { peakPerSecond, summarize, type LatencySummary } from './stats.js';

/** A webhook sent for one buyer: the phone ties it to the Graph request it should cause. */
export type SentEvent = Exchange & { phone: string };

type Arrival = { receivedAt: number; type: string };

/** FakeGraphServer's requests indexed by recipient (`to`) and message type, read incrementally. */
export class GraphLedger {
  readonly #byRecipient = new Map<string, Arrival[]>();
  #cursor = 0;

  constructor(readonly graph: FakeGraphServer) {}

  #sync(): void {
    const requests = this.graph.requests;
    for (; this.#cursor < requests.length; this.#cursor++) {
      const request = requests[this.#cursor];
      const to = typeof request?.body?.to === 'string' ? (request.body.to as string) : '(none)';
      const list = this.#byRecipient.get(to) ?? [];
      list.push({ receivedAt: request?.receivedAt ?? 0, type: String(request?.body?.type) });
      this.#byRecipient.set(to, list);
    }
  }

  arrivals(phone: string, type: string): number[] {
    this.#sync();
    return (this.#byRecipient.get(graphRecipient(phone)) ?? []).filter((arrival) => arrival.type === type).map((arrival) => arrival.receivedAt);
  }

  /** Waits until each phone got at least one `type` message; false when `timeoutMs` ran out. */
  async waitForAll(phones: string[], type: string, timeoutMs: number): Promise<boolean> {
    let pending = phones;
    try {
      await waitFor(
        () => {
          pending = pending.filter((phone) => this.arrivals(phone, type).length === 0);
          return pending.length === 0;
        },
        timeoutMs,
        `${phones.length} Graph sends`,
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Graph requests of `type` to phones of this range that were never sent a webhook: should be none. */
  strangers(phones: Set<string>, type: string, tag: number): number {
    this.#sync();
    let count = 0;
    for (const [to, arrivals] of this.#byRecipient) {
      if (to.startsWith(`55119${String(tag).padStart(2, '0')}`) && !phones.has(`+${to}`)) count += arrivals.filter((arrival) => arrival.type === type).length;
    }
    return count;
  }
}

export type FlowReport = {
  offered: number;
  accepted: number;
  rejected: number;
  /** Answers by HTTP status (0 = no answer: connection error or timeout). */
  statuses: Record<string, number>;
  /** Ingress answer time seen by the sender. */
  answer: LatencySummary;
  /** From the webhook's 2xx reaching the sender to the Graph request reaching the fake. */
  endToEnd: LatencySummary;
  /**
   * From the webhook leaving the sender to the Graph request: the whole event → WhatsApp
   * latency. Differs from `endToEnd` by the ingress answer time, which, when the ingress is
   * slow to answer, can exceed the flow itself (the worker sends before the 2xx arrives).
   */
  fromSent: LatencySummary;
  /** Accepted events that never reached the Graph API. */
  lost: number;
  /** Events (answered or not) that reached the Graph API more than once. */
  duplicated: number;
  /**
   * Events the sender got no 2xx for (timeout, 5xx) that Sara still stored and sent, once:
   * at-least-once delivery working, since the sender's retry would be deduplicated.
   */
  sentWithoutAnswer: number;
  /** Completed flows per second from the first request sent to the last Graph request. */
  sustainedPerSecond: number;
  /** Graph requests in the busiest second. */
  peakPerSecond: number;
};

/** Matches each event to its Graph request(s) by phone: latencies, losses, duplicates. */
export function measureFlows(events: SentEvent[], ledger: GraphLedger, type: string): FlowReport {
  const accepted = events.filter((event) => event.status >= 200 && event.status < 300);
  const latencies: number[] = [];
  const fromSent: number[] = [];
  const arrivals: number[] = [];
  let lost = 0;
  let duplicated = 0;
  let sentWithoutAnswer = 0;
  for (const event of events) {
    const times = ledger.arrivals(event.phone, type);
    if (times.length > 1) duplicated++;
    if (!(event.status >= 200 && event.status < 300)) {
      if (times.length > 0) sentWithoutAnswer++;
      continue;
    }
    if (times.length === 0) {
      lost++;
      continue;
    }
    const first = Math.min(...times);
    latencies.push(first - event.acceptedAt);
    fromSent.push(first - event.sentAt);
    arrivals.push(first);
  }
  const firstSent = Math.min(...events.map((event) => event.sentAt));
  const lastArrival = Math.max(...arrivals);
  return {
    offered: events.length,
    accepted: accepted.length,
    rejected: events.length - accepted.length,
    statuses: events.reduce<Record<string, number>>((counts, event) => {
      const key = event.status === 0 ? `no answer (${event.body})` : String(event.status);
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {}),
    answer: summarize(events.map((event) => event.acceptedAt - event.sentAt)),
    endToEnd: summarize(latencies),
    fromSent: summarize(fromSent),
    lost,
    duplicated,
    sentWithoutAnswer,
    sustainedPerSecond: arrivals.length > 1 ? (arrivals.length * 1_000) / (lastArrival - firstSent) : Number.NaN,
    peakPerSecond: peakPerSecond(arrivals),
  };
}
