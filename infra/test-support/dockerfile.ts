/** Just enough of the Dockerfile grammar to check what the file promises: stages and instructions. */
export type Instruction = { keyword: string; args: string; line: number };
export type Stage = { name: string | undefined; base: string; instructions: Instruction[] };
export type Dockerfile = { globalArgs: Instruction[]; stages: Stage[] };

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comment lines end nothing, even inside a continued instruction (Docker drops them).
    if (trimmed.startsWith('#') || (trimmed === '' && !pending)) return;
    const continues = trimmed.endsWith('\\');
    const content = continues ? trimmed.slice(0, -1).trim() : trimmed;
    pending ??= { parts: [], line: index + 1 };
    pending.parts.push(content);
    if (continues) return;
    const joined = pending.parts.join(' ').trim();
    const match = /^(\S+)\s*(.*)$/s.exec(joined);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: pending.line });
    pending = undefined;
  });

  const dockerfile: Dockerfile = { globalArgs: [], stages: [] };
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [base = '', as, name] = instruction.args.split(/\s+/);
      dockerfile.stages.push({ name: as?.toUpperCase() === 'AS' ? name : undefined, base, instructions: [] });
    } else if (dockerfile.stages.length === 0) {
      dockerfile.globalArgs.push(instruction);
    } else {
      dockerfile.stages.at(-1)!.instructions.push(instruction);
    }
  }
  return dockerfile;
}

export function findStage(dockerfile: Dockerfile, name: string): Stage {
  const stage = dockerfile.stages.find((each) => each.name === name);
  if (!stage) throw new Error(`Dockerfile has no stage named ${name}`);
  return stage;
}

/** The stages `stage` is built from, nearest first (FROM <stage> chains only). */
export function ancestry(dockerfile: Dockerfile, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let parent = dockerfile.stages.find((each) => each.name === stage.base); parent;) {
    chain.push(parent);
    const base = parent.base;
    parent = dockerfile.stages.find((each) => each.name === base);
  }
  return chain;
}

/** Instructions in effect for a stage: its ancestors' first, then its own. */
export function effectiveInstructions(dockerfile: Dockerfile, stage: Stage): Instruction[] {
  return [...ancestry(dockerfile, stage).reverse(), stage].flatMap((each) => each.instructions);
}

/** CMD ["node", "x"] → ['node', 'x']; shell form is rejected, since signals would go to sh. */
export function execForm(instruction: Instruction): string[] {
  const value: unknown = JSON.parse(instruction.args);
  if (!Array.isArray(value) || !value.every((part) => typeof part === 'string')) {
    throw new Error(`line ${instruction.line}: ${instruction.keyword} must use the JSON (exec) form`);
  }
  return value;
}

/** `HEALTHCHECK --interval=15s CMD [...]` → its options and command. */
export function parseHealthcheck(instruction: Instruction): { options: Record<string, string>; command: string[] } {
  const options: Record<string, string> = {};
  let rest = instruction.args;
  for (let match = /^--([a-z-]+)=(\S+)\s+/.exec(rest); match; match = /^--([a-z-]+)=(\S+)\s+/.exec(rest)) {
    options[match[1]!] = match[2]!;
    rest = rest.slice(match[0].length);
  }
  if (!rest.startsWith('CMD ')) throw new Error(`line ${instruction.line}: HEALTHCHECK must be followed by CMD`);
  return { options, command: execForm({ ...instruction, args: rest.slice(4) }) };
}
