import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { effectiveInstructions, execForm, findStage, parseDockerfile, parseHealthcheck, type Instruction } from './test-support/dockerfile.js';
import { APP_ENV_SCHEMAS, APPS, HTTP_APPS, portVariable, schemaDefault, WORKERS } from './test-support/env-schemas.js';
import { exists, listFiles, readJson, readText, ROOT, sourceOf, workspaceApps, workspacePackages } from './test-support/repo.js';
import { serves } from './test-support/routes.js';

type PackageJson = { name: string; packageManager?: string; scripts?: Record<string, string>; files?: string[] };

const dockerfile = parseDockerfile(readText('Dockerfile'));
const appStage = findStage(dockerfile, 'app');
const migrateStage = findStage(dockerfile, 'migrate');
const allRuns = dockerfile.stages.flatMap((stage) => stage.instructions).filter((each) => each.keyword === 'RUN');

const last = (instructions: Instruction[], keyword: string) => instructions.filter((each) => each.keyword === keyword).at(-1);
const envOf = (instructions: Instruction[]) =>
  Object.fromEntries(
    instructions.filter((each) => each.keyword === 'ENV').flatMap((each) => [...each.args.matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!])),
  );

describe('Dockerfile', () => {
  it('installs the pnpm version package.json pins', () => {
    const { packageManager } = readJson<PackageJson>('package.json');
    expect(packageManager).toMatch(/^pnpm@/);
    expect(allRuns.some((run) => run.args.includes(`npm install --global ${packageManager}`))).toBe(true);
  });

  it('installs only what the lockfile says, resolving nothing', () => {
    const installs = allRuns.filter((run) => /pnpm install\b/.test(run.args));
    expect(installs.length).toBeGreaterThanOrEqual(3);
    for (const install of installs) {
      expect(install.args, `line ${install.line}`).toContain('--frozen-lockfile');
      expect(install.args, `line ${install.line}`).toContain('--offline');
    }
    // pnpm deploy --legacy would resolve versions from the registry again.
    expect(allRuns.some((run) => /pnpm\b.*\bdeploy\b/.test(run.args))).toBe(false);
  });

  it('accepts exactly the workspace apps as APP, each packaged as @sara/<app>', () => {
    const guard = findStage(dockerfile, 'app-files').instructions.find((each) => each.args.startsWith('case "$APP" in'));
    const accepted = /case "\$APP" in\s+([\w|-]+)\)/.exec(guard?.args ?? '')?.[1]?.split('|');
    expect(accepted?.sort()).toEqual(workspaceApps());
    expect([...APPS].sort()).toEqual(workspaceApps());
    for (const app of workspaceApps()) {
      expect(readJson<PackageJson>(`apps/${app}/package.json`).name).toBe(`@sara/${app}`);
    }
    const install = findStage(dockerfile, 'app-files').instructions.find((each) => each.args.includes('pnpm install'));
    expect(install?.args).toContain('--filter "@sara/${APP}..."');
    expect(install?.args).toContain('--prod');
  });

  it('starts each app from its build output, exactly as its package.json start script does', () => {
    const command = execForm(last(appStage.instructions, 'CMD')!);
    const workdir = last(appStage.instructions, 'WORKDIR')!.args;
    expect(workdir).toBe('/srv/sara/apps/${APP}');
    expect(findStage(dockerfile, 'app-files').instructions.some((each) => each.args.includes('cp -R "apps/$APP/dist" "/out/apps/$APP/"'))).toBe(true);

    for (const app of workspaceApps()) {
      expect(command.join(' '), app).toBe(readJson<PackageJson>(`apps/${app}/package.json`).scripts?.start);
      // dist/main.js is what tsc makes of src/main.ts with this tsconfig.
      const { compilerOptions } = readJson<{ compilerOptions: { rootDir: string; outDir: string } }>(`apps/${app}/tsconfig.json`);
      expect(compilerOptions, app).toMatchObject({ rootDir: 'src', outDir: 'dist' });
      const script = command.find((part) => part.endsWith('.js'))!;
      expect(exists(`apps/${app}/${script.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')}`), app).toBe(true);
    }
  });

  it("ships the console's built web page, where its server reads it", () => {
    // `pnpm build` makes it: turbo keeps web/dist as a build output, and the console's build runs Vite into it.
    expect(readJson<{ tasks: { build: { outputs: string[] } } }>('turbo.json').tasks.build.outputs).toContain('web/dist/**');
    expect(readJson<PackageJson>('apps/console/package.json').scripts?.build).toMatch(/\bvite build --config web\/vite\.config\.ts\b/);
    expect(readText('apps/console/web/vite.config.ts')).toMatch(/outDir: fileURLToPath\(new URL\('\.\/dist'/);
    const copy = findStage(dockerfile, 'app-files').instructions.find((each) => each.args.includes('cp -R "apps/$APP/dist"'))!;
    expect(copy.args).toContain('if [ "$APP" = console ]; then mkdir -p /out/apps/console/web && cp -R apps/console/web/dist /out/apps/console/web/; fi');
    // The server, run from apps/console/dist, finds the page at ../web/dist: the layout kept above.
    expect(sourceOf('apps/console/src')).toMatch(/web[/'", ]+dist/);
  });

  it("ships every workspace package's dist/ and the directories its code reads beside it", () => {
    const assembly = findStage(dockerfile, 'workspace').instructions.find((each) => each.args.startsWith('mkdir -p /out'))!;
    expect(assembly.args).toContain('for dir in packages/*; do cp -R "$dir/dist" "/out/$dir/"; done');
    expect(assembly.args).toContain('for dir in apps/* packages/*; do mkdir -p "/out/$dir" && cp "$dir/package.json" "/out/$dir/"; done');
    expect(assembly.args).toContain('cp package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc /out/');

    for (const pkg of workspacePackages()) {
      const { compilerOptions } = readJson<{ compilerOptions: { outDir: string } }>(`packages/${pkg}/tsconfig.json`);
      expect(compilerOptions.outDir, pkg).toBe('dist');
      // `new URL('../prompts/x', import.meta.url)` from src/ or dist/ reads <package>/prompts.
      const runtimeDirs = [...sourceOf(`packages/${pkg}/src`).matchAll(/new URL\(\s*[`'"]\.\.\/([\w-]+)\//g)].map((match) => match[1]!);
      for (const dir of new Set(runtimeDirs)) {
        expect(readJson<PackageJson>(`packages/${pkg}/package.json`).files, `${pkg}/${dir}`).toContain(dir);
        expect(assembly.args, `${pkg}/${dir}`).toContain(`cp -R packages/${pkg}/${dir} /out/packages/${pkg}/`);
      }
    }
    expect(exists('packages/ai/prompts')).toBe(true);
  });

  it('runs as the non-root node user with NODE_ENV=production, from a clean base image', () => {
    for (const stage of [appStage, migrateStage]) {
      const instructions = effectiveInstructions(dockerfile, stage);
      expect(last(instructions, 'USER')?.args, stage.name).toBe('node');
      expect(envOf(instructions).NODE_ENV, stage.name).toBe('production');
      // Only copies of assembled files reach the runtime: no compiler, no dev dependencies.
      const copies = stage.instructions.filter((each) => each.keyword === 'COPY');
      expect(
        copies.every((copy) => /--from=(app-files|migrate-files)\b/.test(copy.args)),
        stage.name,
      ).toBe(true);
    }
    const runtime = findStage(dockerfile, 'runtime');
    expect(runtime.base).toBe('${NODE_IMAGE}');
    expect(dockerfile.globalArgs.find((each) => each.args.startsWith('NODE_IMAGE='))?.args).toMatch(/^NODE_IMAGE=node:20[\w.-]*$/);
    // The default target is the app, so `docker build --build-arg APP=...` needs no --target.
    expect(dockerfile.stages.at(-1)?.name).toBe('app');
  });

  it('checks health on GET /health, which every app serves', () => {
    const healthcheck = parseHealthcheck(last(appStage.instructions, 'HEALTHCHECK')!);
    expect(healthcheck.command).toEqual(['node', '/usr/local/lib/sara/healthcheck.mjs']);
    const runtime = findStage(dockerfile, 'runtime');
    expect(
      runtime.instructions.some((each) => each.keyword === 'COPY' && each.args === 'infra/docker/healthcheck.mjs /usr/local/lib/sara/healthcheck.mjs'),
    ).toBe(true);
    expect(envOf(appStage.instructions).SARA_APP).toBe('${APP}');

    const script = readText('infra/docker/healthcheck.mjs');
    expect(script).toMatch(/\/health[`'"]/);
    for (const app of APPS) expect(serves(app, '/health'), app).toBe(true);

    // Fallbacks: the ingress schema's PORT default, and the METRICS_PORT the image sets (the
    // schema's default, 0, means "any free port", which no healthcheck could find).
    for (const app of HTTP_APPS) {
      const name = portVariable(app);
      expect(script, app).toContain(`${app}: () => process.env.${name} ?? '${String(schemaDefault(APP_ENV_SCHEMAS[app], name))}'`);
    }
    const metricsPort = envOf(appStage.instructions).METRICS_PORT;
    expect(metricsPort).toMatch(/^[1-9]\d*$/);
    expect(script).toContain(`process.env.METRICS_PORT ?? '${metricsPort}'`);
    for (const worker of WORKERS) {
      expect(Object.keys(APP_ENV_SCHEMAS[worker].shape), worker).toContain('METRICS_PORT');
    }
  });

  it('runs the migrator where cli.js finds the migrations', () => {
    const workdir = last(migrateStage.instructions, 'WORKDIR')!.args;
    const command = execForm(last(migrateStage.instructions, 'CMD')!);
    const cli = command.find((part) => part.endsWith('cli.js'))!;
    expect(cli).toBe('packages/domain/dist/migrate/cli.js');
    expect(migrateStage.instructions.some((each) => each.args === `--from=migrate-files /out ${workdir}`)).toBe(true);
    expect(exists('packages/domain/src/migrate/cli.ts')).toBe(true);

    const relativeDir = /new URL\(\s*'([^']+)',\s*import\.meta\.url\s*\)/.exec(readText('packages/domain/src/migrate/cli.ts'))?.[1];
    expect(relativeDir).toBeDefined();
    const migrationsInImage = posix.join(workdir, posix.dirname(cli), relativeDir!);
    expect(migrationsInImage).toBe(posix.join(workdir, 'prisma/migrations'));

    const migrateFiles = findStage(dockerfile, 'migrate-files').instructions.find((each) => each.args.includes('prisma/migrations'));
    expect(migrateFiles?.args).toContain('cp -R prisma/migrations /out/prisma/');
    expect(migrateFiles?.args).toContain('--filter "@sara/domain..."');
    expect(listFiles('prisma/migrations', (path) => path.endsWith('migration.sql')).length).toBeGreaterThan(0);
  });
});

describe('.dockerignore', () => {
  // Enough of Docker's matching for these patterns: * within a segment, ** across, ! re-includes,
  // and a pattern that matches a directory covers everything in it.
  const rules = readText('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = negated ? line.slice(1) : line;
      const source = pattern
        .split('/')
        .map((segment) => (segment === '**' ? '.*' : segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
        .join('/');
      return { negated, regex: new RegExp(`^${source.replace(/\.\*\//g, '(?:.*/)?')}(?:/.*)?$`) };
    });
  const excluded = (path: string) => rules.reduce((state, rule) => (rule.regex.test(path) ? !rule.negated : state), false);

  it('keeps secrets and host build output out of the build context', () => {
    for (const path of [
      '.env',
      '.env.local',
      'node_modules/x',
      'apps/ingress/node_modules/x',
      'apps/ingress/dist/main.js',
      'packages/domain/src/generated/prisma/client.ts',
      '.git/HEAD',
    ]) {
      expect(excluded(path), path).toBe(true);
    }
  });

  it('keeps everything the build reads', () => {
    const needed = [
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      '.npmrc',
      '.env.example',
      'turbo.json',
      'tsconfig.base.json',
      'prisma.config.ts',
      'scripts/prisma-generate.mjs',
      'infra/docker/healthcheck.mjs',
      ...listFiles('prisma'),
      ...listFiles('apps', (path) => path.includes('/src/')),
      // The console's web page: Vite builds it inside the image.
      ...listFiles('apps/console/web', (path) => !path.includes('/dist/')),
      ...listFiles('packages', (path) => (path.includes('/src/') || path.includes('/prompts/')) && !path.includes('/generated/')),
    ];
    expect(needed.filter(excluded)).toEqual([]);
  });
});

describe('infra/docker/healthcheck.mjs', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function serve(status: number): Promise<number> {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? status : 404).end();
    });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  }

  /** A port nothing listens on. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  async function runHealthcheck(env: Record<string, string>): Promise<number | null> {
    const child = spawn(process.execPath, [join(ROOT, 'infra/docker/healthcheck.mjs')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore',
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  }

  it('probes the ingress on PORT, the console on CONSOLE_PORT and a worker on METRICS_PORT', async () => {
    const healthy = String(await serve(200));
    const other = String(await closedPort());
    expect(await runHealthcheck({ SARA_APP: 'ingress', PORT: healthy, CONSOLE_PORT: other, METRICS_PORT: other })).toBe(0);
    expect(await runHealthcheck({ SARA_APP: 'console', PORT: other, CONSOLE_PORT: healthy, METRICS_PORT: other })).toBe(0);
    expect(await runHealthcheck({ SARA_APP: 'worker-payment', PORT: other, CONSOLE_PORT: other, METRICS_PORT: healthy })).toBe(0);
    expect(await runHealthcheck({ SARA_APP: 'ingress', PORT: other, METRICS_PORT: healthy })).toBe(1);
    expect(await runHealthcheck({ SARA_APP: 'console', CONSOLE_PORT: other, PORT: healthy, METRICS_PORT: healthy })).toBe(1);
  });

  it('reports unhealthy when /health does not answer 2xx', async () => {
    const failing = await serve(503);
    expect(await runHealthcheck({ SARA_APP: 'worker-conversation', METRICS_PORT: String(failing) })).toBe(1);
  });
});
