import { authenticate, makeKey } from '../../lib/api-keys.ts';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_NEO4J_PASSWORD, loadConfig } from '../../lib/config.ts';
import { subgraphUrlsOf } from '../../gateway/server.ts';

describe('loadConfig', () => {
  it('has documented defaults for local development', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.gatewayPort).toBe(4000);
    expect(c.subgraphPorts).toEqual({ regulations: 4001, obligations: 4002, 'ai-services': 4003, institutions: 4004, assistant: 4005 });
    expect(c.neo4j).toMatchObject({ uri: 'bolt://127.0.0.1:7687', managed: true, password: DEV_NEO4J_PASSWORD, database: 'neo4j' });
    expect(c.ideEnabled).toBe(true);
  });

  it('uses an external Neo4j when NEO4J_URI is set and starts nothing', () => {
    const c = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USERNAME: 'u', NEO4J_PASSWORD: 'p', NEO4J_DATABASE: 'db' });
    expect(c.neo4j).toMatchObject({ uri: 'neo4j+s://abc.databases.neo4j.io', managed: false, username: 'u', password: 'p', database: 'db' });
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ GATEWAY_PORT: 'abc', MAX_QUERY_DEPTH: '0', IDE_ENABLED: 'maybe', WRITE_API_KEYS: 'nokey' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/GATEWAY_PORT.*"abc"/);
      expect(problems.join('\n')).toMatch(/MAX_QUERY_DEPTH/);
      expect(problems.join('\n')).toMatch(/IDE_ENABLED/);
      expect(problems.join('\n')).toMatch(/WRITE_API_KEYS/);
    }
  });

  it('refuses the development password in production and turns the IDE off by default', () => {
    expect(() => loadConfig({ APP_ENV: 'production' })).toThrow(/NEO4J_PASSWORD must be set in production/);
    // Production takes hashed keys only: a plaintext key in the environment is refused.
    expect(() => loadConfig({ APP_ENV: 'production', NEO4J_PASSWORD: 'a-real-secret-1', WRITE_API_KEYS: 'regulator:k1' })).toThrow(/plaintext/);
    const { key, entry } = makeKey('regulator');
    expect(() => loadConfig({ APP_ENV: 'production', NEO4J_PASSWORD: 'a-real-secret-1', WRITE_API_KEYS: entry })).toThrow(/SUBGRAPH_SECRET must be set in production/);
    expect(() => loadConfig({ SUBGRAPH_SECRET: 'short' })).toThrow(/SUBGRAPH_SECRET must be at least 32 characters, got 5/);
    const c = loadConfig({ APP_ENV: 'production', NEO4J_PASSWORD: 'a-real-secret-1', SUBGRAPH_SECRET: 's'.repeat(32), WRITE_API_KEYS: entry, READ_API_KEYS: makeKey('vendor').entry });
    expect(c.ideEnabled).toBe(false);
    expect(authenticate(c.apiKeys, key)).toEqual({ name: 'regulator', scopes: ['read', 'write', 'subscribe'] });
    expect(authenticate(c.apiKeys, 'dev-write-key')).toBeNull();
    expect(authenticate(c.apiKeys, key.slice(0, -1))).toBeNull();
    expect(c.apiKeys.find((k) => k.name === 'vendor')?.scopes).toEqual(['read']);
    expect(c.warnings).toEqual([]);
  });

  it('points the standalone gateway at per-subgraph URLs (load balancers), else at this host', () => {
    const c = loadConfig({ REGULATIONS_URL: 'https://regulations.internal/graphql', HOST: '10.0.0.5', OBLIGATIONS_PORT: '5002' });
    expect(subgraphUrlsOf(c)).toEqual({
      regulations: 'https://regulations.internal/graphql',
      obligations: 'http://10.0.0.5:5002/',
      'ai-services': 'http://10.0.0.5:4003/',
      institutions: 'http://10.0.0.5:4004/',
      assistant: 'http://10.0.0.5:4005/',
    });
    expect(() => loadConfig({ ASSISTANT_URL: 'ftp://x', INSTITUTIONS_URL: 'not a url' })).toThrow(/INSTITUTIONS_URL must be an http\(s\) URL[\s\S]*ASSISTANT_URL must be/);
  });

  it('reads the serving layout: workers, heap budget, subgraphs built in-process', () => {
    const c = loadConfig({ SERVE_WORKERS: '2', SERVE_HEAP_MB: '768', LOCAL_SUBGRAPHS: 'obligations, regulations' });
    expect(c).toMatchObject({ serveWorkers: 2, serveHeapMb: 768, localSubgraphs: ['regulations', 'obligations'] });
    expect(loadConfig({}).localSubgraphs).toHaveLength(5);
    expect(() => loadConfig({ LOCAL_SUBGRAPHS: 'obligations,billing' })).toThrow(/LOCAL_SUBGRAPHS lists unknown subgraphs: billing/);
  });

  it('turns the shared read cache off with READ_CACHE_ENTRIES=0', () => {
    expect(loadConfig({}).readCacheEntries).toBe(20_000);
    expect(loadConfig({ READ_CACHE_ENTRIES: '0' }).readCacheEntries).toBe(0);
    expect(() => loadConfig({ READ_CACHE_ENTRIES: '-1' })).toThrow(/READ_CACHE_ENTRIES/);
  });
});
