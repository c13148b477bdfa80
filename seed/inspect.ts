/** Read-side helpers: a stable checksum of the whole graph, and a provision's version history. */
import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import type { DbOptions } from './loader.ts';

function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (neo4j.isInt(v)) return `int:${String(v)}`;
  if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v) || neo4j.isTime(v) || neo4j.isLocalTime(v) || neo4j.isDuration(v))
    return `${(v as object).constructor.name}:${String(v)}`;
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return `${typeof v}:${JSON.stringify(v)}`;
}

/**
 * A stable hash of every node (labels and properties) and relationship (type, properties and the
 * ends' labels and ids) — equal checksums mean the graph's content is unchanged. Independent of
 * internal ids and of the order Neo4j returns rows in.
 */
export async function graphChecksum(driver: Driver, opts: DbOptions = {}): Promise<string> {
  const session = driver.session({ database: opts.database ?? 'neo4j', defaultAccessMode: 'READ' });
  try {
    const lines: string[] = [];
    const nodes = await session.run('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
    for (const r of nodes.records) lines.push(`N ${canonical([...(r.get('labels') as string[])].sort())} ${canonical(r.get('props'))}`);
    const rels = await session.run(
      'MATCH (a)-[r]->(b) RETURN labels(a) AS la, properties(a) AS pa, type(r) AS t, properties(r) AS pr, labels(b) AS lb, properties(b) AS pb',
    );
    // Endpoints are identified by labels and all properties: nodes without ids are still told apart.
    for (const r of rels.records)
      lines.push(
        `R ${canonical([...(r.get('la') as string[])].sort())}${canonical(r.get('pa'))} ${String(r.get('t'))}${canonical(r.get('pr'))} ${canonical([...(r.get('lb') as string[])].sort())}${canonical(r.get('pb'))}`,
      );
    lines.sort();
    return createHash('sha256').update(lines.join('\n')).digest('hex');
  } finally {
    await session.close();
  }
}

export interface HistoryVersion {
  id: string;
  validFrom: string;
  validTo: string | null;
  textKo: string;
  textEn: string | null;
  sourceUrl: string | null;
  amendment: {
    id: string;
    lawNumber: string | null;
    titleKo: string | null;
    titleEn: string | null;
    promulgatedOn: string | null;
    effectiveOn: string | null;
    appliedBy: string | null;
    appliedAt: string | null;
  } | null;
}

export interface ProvisionHistory {
  id: string;
  regulationId: string | null;
  article: string | null;
  citationKo: string | null;
  citationEn: string | null;
  titleKo: string | null;
  titleEn: string | null;
  versions: HistoryVersion[];
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A provision's versions, oldest first, each with the amendment (and ChangeSet) that produced it; null if unknown. */
export async function provisionHistory(driver: Driver, id: string, opts: DbOptions = {}): Promise<ProvisionHistory | null> {
  const session = driver.session({ database: opts.database ?? 'neo4j', defaultAccessMode: 'READ' });
  try {
    const res = await session.run(
      `MATCH (p:Provision {id: $id})
       OPTIONAL MATCH (p)-[:HAS_VERSION]->(v:ProvisionVersion)
       OPTIONAL MATCH (v)-[:PRODUCED_BY]->(a:Amendment)
       OPTIONAL MATCH (c:ChangeSet)-[:APPLIED]->(a)
       WITH p, v, a, c ORDER BY v.validFrom
       RETURN properties(p) AS p,
              collect(CASE WHEN v IS NULL THEN NULL ELSE {v: properties(v), a: properties(a), by: c.appliedBy, at: toString(c.appliedAt)} END) AS versions`,
      { id },
    );
    const rec = res.records[0];
    if (!rec) return null;
    const p = rec.get('p') as Record<string, unknown>;
    const versions = (rec.get('versions') as Array<{ v: Record<string, unknown>; a: Record<string, unknown> | null; by: unknown; at: unknown }>).map((x) => ({
      id: String(x.v.id),
      validFrom: String(x.v.validFrom),
      validTo: str(x.v.validTo),
      textKo: String(x.v.textKo ?? ''),
      textEn: str(x.v.textEn),
      sourceUrl: str(x.v.sourceUrl),
      amendment: x.a
        ? {
            id: String(x.a.id),
            lawNumber: str(x.a.lawNumber),
            titleKo: str(x.a.titleKo),
            titleEn: str(x.a.titleEn),
            promulgatedOn: str(x.a.promulgatedOn),
            effectiveOn: str(x.a.effectiveOn),
            appliedBy: str(x.by),
            appliedAt: str(x.at),
          }
        : null,
    }));
    return {
      id: String(p.id),
      regulationId: str(p.regulationId),
      article: str(p.article),
      citationKo: str(p.citationKo),
      citationEn: str(p.citationEn),
      titleKo: str(p.titleKo),
      titleEn: str(p.titleEn),
      versions,
    };
  } finally {
    await session.close();
  }
}
