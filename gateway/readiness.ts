/**
 * The gateway's /readyz: it can answer when every subgraph can. Subgraphs built in this process are
 * asked directly (their checks are listed as the gateway's); the others over HTTP at their own /readyz, next to their GraphQL endpoint. With
 * OPS_PORT set their /readyz is on their operators' port, which the gateway does not know: they are
 * then reported as not checked (a load balancer in front of them checks them itself).
 */
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '../lib/config.ts';
import { remoteReadiness, type Check, type ReadinessProbe } from '../lib/health.ts';

export function gatewayReadiness(config: Config, urls: Record<SubgraphName, string>, local: Partial<Record<SubgraphName, { readiness: ReadinessProbe }>> = {}): ReadinessProbe {
  const probes = SUBGRAPH_NAMES.map((name): ReadinessProbe => {
    const here = local[name];
    if (here) return here.readiness;
    if (config.opsPort !== null) return async () => [{ name: `subgraph:${name}`, ok: true, checked: false, url: urls[name] }];
    const remote = remoteReadiness(name, urls[name]);
    return async () => [await remote()];
  });
  return async () => {
    // Every local subgraph reports the same database checks: each name once, a failing one first.
    const byName = new Map<string, Check>();
    for (const c of (await Promise.all(probes.map((p) => p()))).flat()) if (!byName.get(c.name) || !c.ok) byName.set(c.name, c);
    return [...byName.values()];
  };
}
