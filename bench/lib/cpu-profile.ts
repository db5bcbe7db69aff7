import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type SelfTime = { name: string; selfMs: number; share: number };
export type ProfileSummary = {
  file: string;
  busyMs: number;
  idleMs: number;
  functions: SelfTime[];
  /** Self time by the area that owns each frame. */
  areas: SelfTime[];
  /** Time charged to the nearest package (or Sara module) up the stack: native calls and node core included. */
  callers: SelfTime[];
};

/** Who owns a frame: a package, Sara's own code, Node's core, or V8's pseudo-frames. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native / builtins)';
  if (url.startsWith('wasm://')) return 'wasm (Prisma query compiler)';
  if (url.startsWith('node:')) return 'node core';
  const pnpm = /node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@/.exec(url);
  if (pnpm?.[1]) return pnpm[1].replace('+', '/');
  const direct = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (direct?.[1]) return direct[1];
  const own = /\/(apps|packages)\/([^/]+)\//.exec(url);
  if (own) return `sara: ${own[1]}/${own[2]}${url.includes('/generated/') ? ' (generated Prisma client)' : ''}`;
  return url.replace(/^file:\/\//, '');
}

function location(url: string, line: number): string {
  const short = url.replace(/^file:\/\/.*?node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^file:\/\/.*?\/(apps|packages)\//, '$1/');
  return short ? `${short}:${line + 1}` : '';
}

/** Self time per function and per area (package) of a V8 .cpuprofile; shares are of busy (non-idle) time. */
export function summarizeCpuProfile(file: string, options: { top?: number; skipMs?: number; untilMs?: number } = {}): ProfileSummary {
  const top = options.top ?? 15;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const isPseudo = (area: string) => area === 'node core' || area === '(native / builtins)';
  const callerCache = new Map<number, string>();
  const callerOf = (id: number): string => {
    const cached = callerCache.get(id);
    if (cached) return cached;
    const frame = nodes.get(id)?.callFrame;
    const area = frame ? areaOf(frame.url, frame.functionName) : '(unknown)';
    const parent = parents.get(id);
    const caller = isPseudo(area) && parent !== undefined && nodes.get(parent)?.callFrame.functionName !== '(root)' ? callerOf(parent) : area;
    callerCache.set(id, caller);
    return caller;
  };
  const selfUs = new Map<number, number>();
  let elapsedUs = 0;
  profile.samples.forEach((id, index) => {
    elapsedUs += profile.timeDeltas[index] ?? 0;
    if (elapsedUs >= (options.skipMs ?? 0) * 1_000 && elapsedUs <= (options.untilMs ?? Infinity) * 1_000)
      selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  let total = 0;
  let idle = 0;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  const byCaller = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const area = areaOf(frame.url, frame.functionName);
    if (area === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const name = `${frame.functionName || '(anonymous)'} ${location(frame.url, frame.lineNumber)}`.trim() + (frame.url ? ` [${area}]` : '');
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const caller = callerOf(id);
    byCaller.set(caller, (byCaller.get(caller) ?? 0) + us);
  }
  const rank = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, selfMs: us / 1_000, share: us / total }));
  return { file, busyMs: total / 1_000, idleMs: idle / 1_000, functions: rank(byFunction, top), areas: rank(byArea, top), callers: rank(byCaller, top) };
}

/** The .cpuprofile files a process wrote into its directory (`--cpu-prof`). */
export function cpuProfilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(dir, name));
}
