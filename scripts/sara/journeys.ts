import { randomInt, randomUUID } from 'node:crypto';
import type { ConversationTranscript } from '@sara/domain';
import { SaraError, type SaraClient } from './client.js';
import { discountedAmount, findDemoOffer, type DemoOffer } from './demo-catalog.js';
import { DEMO_FAQ } from './demo-faq.js';
import { formatMoney, formatTime, formatTranscript, isSettled, maskPhone, offeredLinks, sandboxText } from './transcript.js';
import { allSent, answeredLastBuyerMessage, waitForConversation, waitUntil, type Say } from './wait.js';

type LinkKind = 'payment' | 'discount';

export type Journey = {
  key: string;
  title: string;
  buyerName: string;
  productId: string;
  /** What the buyer answers to the template; no answer is a journey too. */
  says?: string;
  /** The links Sara's answer must offer, exactly. */
  answerOffers?: LinkKind[];
  /** Words Sara's answer must contain: the shop's own FAQ answer, for a doubt. */
  answerIncludes?: string;
  pays?: 'original' | 'discounted';
  /** The follow-up step Sara must send while the buyer stays silent (the demo sets its delay in seconds). */
  followUp?: number;
  ending: { status: string; closedReason: string | null };
};

export const DEMO_JOURNEYS: readonly Journey[] = [
  {
    key: 'discount',
    title: '(a) finds it expensive, pays with the discount link',
    buyerName: 'Ana Paula Souza',
    productId: 'demo_curso',
    says: 'achei caro, tem desconto?',
    answerOffers: ['payment', 'discount'],
    pays: 'discounted',
    ending: { status: 'closed', closedReason: 'converted' },
  },
  {
    key: 'doubt',
    title: '(b) has a doubt, pays with the original link',
    buyerName: 'Bruno Lima',
    productId: 'demo_ebook',
    says: 'o acesso é vitalício?',
    answerOffers: ['payment'],
    answerIncludes: faqAnswer('demo_ebook', /vital/i),
    pays: 'original',
    ending: { status: 'closed', closedReason: 'converted' },
  },
  {
    key: 'opt-out',
    title: '(c) asks Sara to stop',
    buyerName: 'Carla Mendes',
    productId: 'demo_mentoria',
    says: 'não quero mais receber',
    answerOffers: [],
    ending: { status: 'closed', closedReason: 'opted_out' },
  },
  {
    key: 'silent',
    title: '(d) never answers',
    buyerName: 'Diego Rocha',
    productId: 'demo_curso',
    followUp: 2,
    ending: { status: 'awaiting_response', closedReason: null },
  },
];

export type JourneyResult = {
  journey: Journey;
  conversationId?: string;
  transcript?: ConversationTranscript;
  payment?: { amount: number; linkType: 'original' | 'discounted' };
  /** Why the journey did not end as expected; empty when it did. */
  problems: string[];
};

type PlayOptions = { say: Say; timeoutMs: number; runId?: string };

/** A fresh Brazilian mobile number per buyer, so a re-run never meets an earlier run's buyer. */
export function randomBuyerPhone(): string {
  return `+55119${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** Plays each journey in turn over the public API and prints its transcript as it ends. */
export async function playJourneys(client: SaraClient, options: PlayOptions, journeys: readonly Journey[] = DEMO_JOURNEYS): Promise<JourneyResult[]> {
  const runId = options.runId ?? randomUUID().slice(0, 8);
  const results: JourneyResult[] = [];
  for (const journey of journeys) {
    options.say(`\n${journey.title}`);
    const result = await playJourney(client, journey, { ...options, runId });
    if (result.transcript) options.say(formatTranscript(result.transcript));
    for (const problem of result.problems) options.say(`  ✗ ${problem}`);
    results.push(result);
  }
  return results;
}

export async function playJourney(client: SaraClient, journey: Journey, options: PlayOptions & { runId: string }): Promise<JourneyResult> {
  const result: JourneyResult = { journey, problems: [] };
  const offer = findDemoOffer(journey.productId);
  if (!offer) return { ...result, problems: [`${journey.productId} is not a demo product`] };
  try {
    await drive(client, journey, offer, options, result);
  } catch (error) {
    if (!(error instanceof SaraError)) throw error;
    result.problems.push(error.message);
    if (result.conversationId) result.transcript = await client.conversation(result.conversationId).catch(() => result.transcript);
  }
  return result;
}

async function drive(client: SaraClient, journey: Journey, offer: DemoOffer, options: PlayOptions & { runId: string }, result: JourneyResult): Promise<void> {
  const phone = randomBuyerPhone();
  const abandonmentId = `abn_demo_${options.runId}_${journey.key}`;
  const accepted = await client.abandon({
    userId: `demo_${options.runId}_${journey.key}`,
    name: journey.buyerName,
    phone,
    productId: offer.productId,
    paymentLink: offer.paymentLink,
    abandonmentId,
    timestamp: new Date().toISOString(),
    value: offer.price,
  });
  const id = accepted.conversationId;
  result.conversationId = id;
  const wait = (label: string, done: (transcript: ConversationTranscript) => boolean) =>
    waitForConversation(client, id, label, done, options).then((transcript) => (result.transcript = transcript));
  options.say(`  ${journey.buyerName} abandoned ${offer.productName} (${formatMoney(offer.price)}), ${abandonmentId}`);
  const first = await wait("Sara's WhatsApp template", (transcript) =>
    transcript.messages.some((message) => message.type === 'template' && isSettled(message)),
  );
  if (journey.followUp) await followUp(client, journey.followUp, { phone, first, wait, ...options });

  if (journey.says) {
    await client.say({ phone, text: journey.says, name: journey.buyerName });
    const transcript = await wait(`Sara's answer to “${journey.says}”`, answeredLastBuyerMessage);
    if (journey.answerOffers) checkOffers(journey.answerOffers, transcript, result);
    if (journey.answerIncludes && !answerAfterLastBuyerMessage(transcript).includes(journey.answerIncludes)) {
      result.problems.push(`Sara's answer did not give the shop's answer “${journey.answerIncludes}”`);
    }
  }
  if (journey.pays) {
    const amount = journey.pays === 'discounted' ? discountedAmount(offer.price, offer.discountPercent) : offer.price;
    await client.pay({
      abandonmentId,
      paymentId: `pay_demo_${options.runId}_${journey.key}`,
      status: 'paid',
      amount,
      productId: offer.productId,
      linkType: journey.pays,
    });
    result.payment = { amount, linkType: journey.pays };
    options.say(`  paid ${formatMoney(amount)} through the ${journey.pays} link`);
  }
  const { status, closedReason } = journey.ending;
  await wait(
    closedReason ? `conversation closed as ${closedReason}` : `conversation still ${status}`,
    (transcript) => transcript.status === status && transcript.closedReason === closedReason && allSent(transcript),
  );
}

/** Waits for the follow-up step in the conversation, then for the sandbox to have "sent" it, and prints it. */
async function followUp(
  client: SaraClient,
  step: number,
  context: PlayOptions & {
    phone: string;
    first: ConversationTranscript;
    wait: (label: string, done: (transcript: ConversationTranscript) => boolean) => Promise<ConversationTranscript>;
  },
): Promise<void> {
  const { nextStep } = context.first;
  if (nextStep) context.say(`  next: step ${nextStep.step} (${nextStep.template ?? 'no template'}) due at ${formatTime(nextStep.dueAt)}`);
  const transcript = await context.wait(`Sara's follow-up, step ${step}`, (each) =>
    each.messages.some((message) => message.step === step && isSettled(message)),
  );
  const text = transcript.messages.find((message) => message.step === step)?.text ?? '';
  const to = context.phone.replace(/\D/g, '');
  const sent = await waitUntil(
    `step ${step} in the sandbox`,
    async () => (await client.sandbox(200)).messages.find((entry) => entry.to.replace(/\D/g, '') === to && sandboxText(entry) === text),
    context,
  );
  context.say(`  sandbox → ${maskPhone(sent.to)}: ${sandboxText(sent)}`);
}

/** The answer offered exactly the expected links: the discount only when the buyer talked price. */
function checkOffers(expected: LinkKind[], transcript: ConversationTranscript, result: JourneyResult): void {
  const offered = offeredLinks(answerAfterLastBuyerMessage(transcript)).map((label) => label.split(' ')[0]);
  const want = [...expected].sort().join(', ') || 'no link';
  const got = [...new Set(offered)].sort().join(', ') || 'no link';
  if (want !== got) result.problems.push(`Sara's answer offered ${got}; expected ${want}`);
}

function answerAfterLastBuyerMessage(transcript: ConversationTranscript): string {
  const lastBuyer = transcript.messages.findLastIndex((message) => message.from === 'user');
  return transcript.messages
    .slice(lastBuyer + 1)
    .map((message) => message.text)
    .join('\n');
}

/** The demo FAQ's answer to the entry whose question matches, as the shop wrote it. */
function faqAnswer(productId: string, question: RegExp): string {
  const entry = (DEMO_FAQ[productId] ?? []).find((candidate) => question.test(candidate.question));
  if (!entry) throw new Error(`the demo FAQ of ${productId} has no entry matching ${question}`);
  return entry.answer;
}
