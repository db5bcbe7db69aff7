// Starts the ingress, the console and the three workers from their build output, prefixing each line with
// the app's name, and stops them all together (Ctrl-C, SIGTERM). An app that crashes is started
// again with backoff (scripts/restart-policy.mjs), so one dead worker does not stop Sara; one
// that keeps dying at boot stops everything, with its error on screen.
//
// --demo (what `bash scripts/up.sh` runs): once the apps are up, plays the buyer journeys of
// scripts/sara/demo.ts, then stops everything and exits with the demo's code, so the first
// command works in CI too; --keep-running (or SARA_KEEP_RUNNING=1) leaves Sara running after it.
// During the demo, app lines go to a log file and only errors reach the terminal: five apps'
// info lines (and the 404s of the demo polling a conversation not created yet) would bury the
// transcripts. If the demo fails, the last warnings are printed with its verdict.
import { spawn } from 'node:child_process';
import { openSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDotEnv } from '@sara/config';
import { createRestartPolicy } from './restart-policy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const apps = ['ingress', 'console', 'worker-abandonment', 'worker-conversation', 'worker-payment'];
const children = new Map();
const pendingRestarts = new Map();
const restarts = createRestartPolicy();
let stopping = false;
let demo = null;

let flags;
try {
  ({ values: flags } = parseArgs({ options: { demo: { type: 'boolean', default: false }, 'keep-running': { type: 'boolean', default: false } } }));
} catch (error) {
  console.error(`start-all: ${error.message} (options: --demo, --keep-running)`);
  process.exit(2);
}
// The same .env the apps read (real variables win), so the ports checked here are the ones they use.
loadDotEnv(root);
const keepRunning = flags['keep-running'] || /^(1|true|yes)$/i.test(process.env.SARA_KEEP_RUNNING ?? '');
// The ports the apps listen on, by the variable that sets each, with the apps' own defaults.
const ports = { PORT: Number(process.env.PORT || 3000), CONSOLE_PORT: Number(process.env.CONSOLE_PORT || 3001) };
const logPath = join(tmpdir(), 'sara-apps.log');
// Written synchronously: process.exit must not drop the last lines, the ones that explain a failure.
const logFd = flags.demo ? openSync(logPath, 'w') : null;
let quiet = flags.demo;

/** Fails before anything starts: an ingress or console dying on EADDRINUSE would look like a Sara bug. */
async function assertPortFree(name, port) {
  const probe = createServer();
  const problem = await new Promise((resolve) => {
    probe.once('error', (error) => resolve(error.code));
    probe.listen(port, () => probe.close(() => resolve(null)));
  });
  if (!problem) return;
  const why = problem === 'EADDRINUSE' ? 'is already in use (another Sara, or another program?)' : `cannot be used (${problem})`;
  console.error(`start-all: port ${port} (${name}) ${why}. Stop whatever holds it, or set ${name} in .env to a free port.`);
  process.exit(1);
}

const recentWarnings = [];

/** pino's numeric level; a line that is not pino's (a crash trace, a boot error) counts as an error. */
function levelOf(line) {
  try {
    return JSON.parse(line).level ?? 30;
  } catch {
    return line.trim() === '' ? 0 : 50;
  }
}

function emit(app, line) {
  const prefixed = `${app.padEnd(20)} | ${line}\n`;
  if (logFd !== null) writeSync(logFd, prefixed);
  const level = levelOf(line);
  // The ingress warns on every 4xx answer, and during the demo those are its own polls of a
  // conversation the worker has not created yet: noise next to a worker's warning.
  if (level >= 50 || (level >= 40 && app !== 'ingress')) {
    recentWarnings.push(prefixed);
    if (recentWarnings.length > 20) recentWarnings.shift();
  }
  if (!quiet || level >= 50) process.stdout.write(prefixed);
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  demo?.kill('SIGTERM');
  for (const timer of pendingRestarts.values()) clearTimeout(timer);
  pendingRestarts.clear();
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) process.exit(process.exitCode ?? 0);
}

// The demo's apps have no quiet hours, so `bash scripts/up.sh` at 23:00 plays the same demo as at
// noon. They are sandbox-only (the demo refuses to run with a WhatsApp token), so no real buyer
// is messaged at night, and nothing is written to the database: a plain `scripts/pnpm.sh start`
// keeps QUIET_HOURS from .env. Quiet hours a shop stored with PUT /admin/settings win over this;
// the demo itself turns those off for its run and puts them back (scripts/sara/demo-follow-up.ts).
const appEnv = flags.demo ? { ...process.env, QUIET_HOURS: '' } : process.env;

function startApp(app) {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: `${root}apps/${app}`,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: appEnv,
  });
  children.set(app, child);
  const startedAt = Date.now();
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) emit(app, line);
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(app);
    if (!stopping) {
      const delay = restarts.delayAfterCrash(app, Date.now() - startedAt);
      if (delay === null) {
        console.error(`${app} exited (${signal ?? code}) again right after starting; stopping the others.`);
        stopAll(code || 1);
      } else {
        console.error(`${app} exited (${signal ?? code}); starting it again in ${delay} ms.`);
        pendingRestarts.set(
          app,
          setTimeout(() => {
            pendingRestarts.delete(app);
            if (!stopping) startApp(app);
          }, delay),
        );
      }
    }
    if (stopping && children.size === 0) process.exit(process.exitCode ?? 0);
  });
}

function startDemo() {
  demo = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=sara-source', 'scripts/sara/demo.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  demo.on('exit', (code, signal) => {
    demo = null;
    if (stopping) return;
    const passed = code === 0;
    if (passed && keepRunning) {
      quiet = false;
      console.log(
        `\nSara keeps running on http://localhost:${ports.PORT}, as for the demo: sandbox, no quiet hours (app logs follow; Ctrl-C stops it).` +
          `\nThe console is on http://localhost:${ports.CONSOLE_PORT}.`,
      );
      return;
    }
    if (!passed && recentWarnings.length > 0) process.stdout.write(`\nThe apps' last warnings and errors:\n${recentWarnings.join('')}`);
    console.log(`\nStopping Sara${passed ? '' : ` (the demo failed: ${signal ?? `exit ${code}`})`}; the apps' logs are in ${logPath}.`);
    stopAll(passed ? 0 : code || 1);
  });
}

for (const [name, port] of Object.entries(ports)) await assertPortFree(name, port);
for (const app of apps) startApp(app);
if (flags.demo) startDemo();

// Interrupting the demo is a failure for whoever waits on the exit code; stopping a running Sara is not.
process.on('SIGINT', () => stopAll(demo ? 130 : 0));
process.on('SIGTERM', () => stopAll(0));
