// `pnpm sara <command>`: plays a checkout platform, a buyer on WhatsApp and an admin against a
// running Sara, with correctly signed webhooks (in the spirit of `stripe trigger`).
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadDotEnv } from '@sara/config';
import { resolveSettings, SaraClient, SaraError } from './client.js';
import { findDemoOffer } from './demo-catalog.js';
import { formatReport, reportRange } from './report.js';
import { formatSandbox, formatTranscript, maskPhone } from './transcript.js';
import { addUser, ensureAdmin, isRole, readPassword } from './users.js';
import { allSent, answeredLastBuyerMessage, parseTimeout, waitForConversation, waitUntil, type Say } from './wait.js';

const USAGE = `Usage: pnpm sara <command> [options]

  abandon --phone +5511… --name "Ana Souza" [--product demo_curso] [--value 297] [--payment-link URL] [--id abn_…] [--wait]
        a checkout abandonment (signed with PAYMENT_WEBHOOK_SECRET); prints the conversation id
  pay --abandonment abn_… --amount 267.30 [--link original|discounted] [--status paid] [--payment-id pay_…] [--wait]
        a payment for that abandonment
  reply --phone +5511… "texto" [--name Ana] [--conversation ID] [--wait]
        a WhatsApp text from the buyer, in Meta's format, signed with WHATSAPP_APP_SECRET
  conversation <id>           the conversation as a transcript (admin API)
  sandbox [--limit 20]        what the sandbox transport sent, newest first
  report [--from ISO] [--to ISO]
        the recovery report of the abandonments created in the period (default: the last 30 days):
        funnel, sales after each step, kinds, sources, and the lift over the holdout group
  buyer export <phone>        everything Sara holds about the buyer, as JSON (LGPD access)
  buyer erase <phone>         erases the buyer's name, phone, email and texts everywhere (LGPD deletion)
  status                      GET /ready
  user add <email> --role admin|agent [--name "Ana Souza"]
        a console account, written to DATABASE_URL; the password (at least 12 characters) is read
        from standard input, one line (asked for without echo on a terminal)
  user ensure-admin           on an installation without accounts, creates admin@sara.local with a
        generated password and prints it once (bash scripts/up.sh runs it)

Options: --url (default http://localhost:$PORT), --secret, --app-secret, --admin-key (default: .env),
--timeout seconds for --wait (default 30). Demo products: demo_curso, demo_ebook, demo_mentoria.`;

const options = {
  url: { type: 'string' },
  secret: { type: 'string' },
  'app-secret': { type: 'string' },
  'admin-key': { type: 'string' },
  timeout: { type: 'string', default: '30' },
  wait: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  phone: { type: 'string' },
  name: { type: 'string' },
  product: { type: 'string', default: 'demo_curso' },
  value: { type: 'string' },
  'payment-link': { type: 'string' },
  id: { type: 'string' },
  abandonment: { type: 'string' },
  amount: { type: 'string' },
  link: { type: 'string' },
  status: { type: 'string', default: 'paid' },
  'payment-id': { type: 'string' },
  conversation: { type: 'string' },
  limit: { type: 'string', default: '20' },
  from: { type: 'string' },
  to: { type: 'string' },
  role: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

class UsageError extends Error {}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
// Progress goes to stderr, so stdout holds only the answer.
const progress: Say = (line) => {
  process.stderr.write(`${line}\n`);
};

function required(flags: Flags, name: 'phone' | 'abandonment' | 'amount'): string {
  const value = flags[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function money(raw: string | undefined, flag: string): number {
  const value = Number((raw ?? '').replace(',', '.'));
  if (!raw || !Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be an amount in reais, e.g. 297 or 267.30`);
  return value;
}

function phoneOf(flags: Flags): string {
  const phone = required(flags, 'phone');
  if (!/^\+[1-9]\d{7,14}$/.test(phone)) throw new UsageError('--phone must be in E.164 format, e.g. +5511999999999');
  return phone;
}

const token = () =>
  randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');

async function abandon(client: SaraClient, flags: Flags, wait: { say: Say; timeoutMs: number }): Promise<void> {
  const offer = findDemoOffer(flags.product);
  const phone = phoneOf(flags);
  const abandonmentId = flags.id ?? `abn_cli_${token()}`;
  const accepted = await client.abandon({
    // Stable per buyer without writing the number into another column.
    userId: `cli_${createHash('sha256').update(phone).digest('hex').slice(0, 16)}`,
    name: flags.name ?? 'Cliente Demo',
    phone,
    productId: flags.product,
    paymentLink: flags['payment-link'] ?? offer?.paymentLink ?? `https://pay.sara.example/c/${encodeURIComponent(flags.product)}`,
    abandonmentId,
    timestamp: new Date().toISOString(),
    value: offer && flags.value === undefined ? offer.price : money(flags.value, '--value'),
  });
  out(`abandonment ${accepted.abandonmentId}: ${accepted.status}`);
  out(`conversation ${accepted.conversationId}`);
  if (!flags.wait) return;
  const transcript = await waitForConversation(
    client,
    accepted.conversationId,
    "Sara's WhatsApp template",
    (found) => found.messages.length > 0 && allSent(found),
    wait,
  );
  out(formatTranscript(transcript));
}

async function pay(client: SaraClient, flags: Flags, wait: { say: Say; timeoutMs: number }): Promise<void> {
  const link = flags.link;
  if (link !== undefined && link !== 'original' && link !== 'discounted') throw new UsageError('--link must be original or discounted');
  const accepted = await client.pay({
    abandonmentId: required(flags, 'abandonment'),
    paymentId: flags['payment-id'] ?? `pay_cli_${token()}`,
    status: flags.status,
    amount: money(required(flags, 'amount'), '--amount'),
    ...(link ? { linkType: link } : {}),
    timestamp: new Date().toISOString(),
  });
  out(`payment ${accepted.paymentId} for ${accepted.abandonmentId}: ${accepted.status}`);
  if (accepted.conversationId) out(`conversation ${accepted.conversationId}`);
  if (!flags.wait) return;
  if (!accepted.conversationId) throw new SaraError('Sara does not know this abandonment yet, so there is no conversation to wait for');
  const hint = 'a payment whose amount matches neither the original nor the discounted price stays in webhooks_log for review';
  const transcript = await waitForConversation(
    client,
    accepted.conversationId,
    'conversation closed as converted',
    (found) => found.closedReason === 'converted' && allSent(found),
    { ...wait, hint },
  );
  out(formatTranscript(transcript));
}

async function reply(client: SaraClient, flags: Flags, text: string | undefined, wait: { say: Say; timeoutMs: number }): Promise<void> {
  if (!text) throw new UsageError('reply needs the text, e.g. pnpm sara reply --phone +5511999999999 "achei caro, tem desconto?"');
  const phone = phoneOf(flags);
  const since = Date.now() - 1_000;
  const { wamid } = await client.say({ phone, text, name: flags.name });
  out(`message ${wamid} from ${maskPhone(phone)}: accepted`);
  if (!flags.wait) return;
  if (flags.conversation) {
    out(formatTranscript(await waitForConversation(client, flags.conversation, "Sara's answer", answeredLastBuyerMessage, wait)));
    return;
  }
  // Without a conversation id, the sandbox outbox shows what Sara sent this number since.
  const answers = await waitUntil(
    "Sara's answer in the sandbox",
    async () => {
      const page = await client.sandbox(50);
      const mine = page.messages.filter((entry) => entry.to === phone && Date.parse(entry.sentAt) >= since);
      return mine.length > 0 ? { total: mine.length, messages: mine } : undefined;
    },
    { ...wait, describeLast: () => 'nothing in the sandbox for this number (with WHATSAPP_ACCESS_TOKEN set, use --conversation ID instead)' },
  );
  out(formatSandbox(answers));
}

async function status(client: SaraClient): Promise<void> {
  const ready = await client.ready();
  const checks = Object.entries(ready.checks)
    .map(([name, state]) => `${name} ${state}`)
    .join(', ');
  out(`Sara at ${client.settings.url}: ${ready.status} (${checks})`);
  if (ready.status !== 'ready') process.exitCode = 1;
}

/** A buyer's LGPD rights. The phone is the person's: it is printed masked, never in full. */
async function buyer(client: SaraClient, action: string | undefined, phone: string | undefined): Promise<void> {
  if ((action !== 'export' && action !== 'erase') || !phone)
    throw new UsageError('buyer needs export or erase and the phone, e.g. pnpm sara buyer export +5511955012345');
  if (action === 'export') return out(JSON.stringify(await client.exportBuyer(phone), null, 2));
  const { erased, tombstone } = await client.eraseBuyer(phone);
  const counts = Object.entries(erased)
    .map(([table, count]) => `${table} ${count ?? 'not cleared (see the ingress log)'}`)
    .join(', ');
  out(`buyer ${maskPhone(phone)} erased: ${counts}${tombstone ? '; opted out, so a tombstone keeps Sara from writing again' : ''}`);
}

/** The console's accounts: straight to the database, no running Sara needed (users.ts). */
async function user(flags: Flags, action: string | undefined, email: string | undefined): Promise<void> {
  if (action === 'ensure-admin') return out(await ensureAdmin());
  if (action !== 'add' || !email) throw new UsageError('user needs add <email> --role admin|agent, or ensure-admin');
  if (!isRole(flags.role)) throw new UsageError('--role must be admin or agent');
  out(await addUser({ email, role: flags.role, name: flags.name }, await readPassword()));
}

async function main(argv: string[]): Promise<void> {
  const { values: flags, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  const [command, argument, third] = positionals;
  if (flags.help || !command) {
    out(USAGE);
    return;
  }
  loadDotEnv();
  if (command === 'user') return user(flags, argument, third);
  const client = new SaraClient(resolveSettings(flags));
  const wait = { say: progress, timeoutMs: parseTimeout(flags.timeout) };
  switch (command) {
    case 'abandon':
      return abandon(client, flags, wait);
    case 'pay':
      return pay(client, flags, wait);
    case 'reply':
      return reply(client, flags, argument, wait);
    case 'conversation':
      if (!argument) throw new UsageError('conversation needs the id, e.g. pnpm sara conversation 3f0c…');
      return out(formatTranscript(await client.conversation(argument)));
    case 'sandbox':
      return out(formatSandbox(await client.sandbox(Number(flags.limit))));
    case 'status':
      return status(client);
    case 'buyer':
      return buyer(client, argument, third);
    case 'report': {
      const range = reportRange(flags, new Date());
      if ('problem' in range) throw new UsageError(range.problem);
      return out(formatReport(await client.report(range)));
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!usage && !(error instanceof SaraError)) throw error;
  process.stderr.write(`sara: ${(error as Error).message}${usage ? '\n(pnpm sara --help lists the commands)' : ''}\n`);
  process.exitCode = usage ? 2 : 1;
}
