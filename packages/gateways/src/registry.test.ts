import { ZAbandonmentJobPayload } from '@sara/jobs';
import { describe, expect, it } from 'vitest';
import { zSharedGatewayEnv } from './env.js';
import { GATEWAYS, gatewayFor, zGatewaysEnv } from './registry.js';

const adapters = Object.values(GATEWAYS);

describe('gateway registry', () => {
  it('finds each adapter under its own platform name, and nothing else', () => {
    for (const [name, adapter] of Object.entries(GATEWAYS)) expect(gatewayFor(name)).toBe(adapter);
    expect(adapters.map((adapter) => adapter.platform).sort()).toEqual(Object.keys(GATEWAYS).sort());
    expect(gatewayFor('pagseguro')).toBeUndefined();
    expect(gatewayFor('toString')).toBeUndefined();
  });

  it('names each platform as the jobs accept a source, so its events are not refused on the queue', () => {
    const source = ZAbandonmentJobPayload.shape.source;
    expect(adapters.filter((adapter) => source.safeParse(adapter.platform).data !== adapter.platform)).toEqual([]);
    expect(source.safeParse('Hotmart').success).toBe(false);
    expect(source.safeParse('a-platform-name-too-long').success).toBe(false);
  });

  it('has each adapter read its secret from a variable it declares itself', () => {
    expect(adapters.filter((adapter) => !Object.hasOwn(adapter.env.shape, adapter.secretEnv))).toEqual([]);
  });

  it('composes every adapter’s variables and the shared ones, none declared twice', () => {
    const declared = [...adapters.flatMap((adapter) => Object.keys(adapter.env.shape)), ...Object.keys(zSharedGatewayEnv.shape)];
    expect(new Set(declared).size).toBe(declared.length);
    expect(Object.keys(zGatewaysEnv.shape).sort()).toEqual(declared.sort());
  });
});
