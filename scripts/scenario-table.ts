/**
 * The statute-checked scenario table (issue 13): for every deployment in the graph, on dates across
 * each designation's life and each law's entry into force, the status of every obligation that is
 * not plainly APPLIES, and the report's `sandbox` flag. Markdown on stdout, for review notes.
 *
 *   NEO4J_BOLT_PORT=7697 NEO4J_HOME_DIR=.data/neo4j-test npx tsx scripts/scenario-table.ts [date ...]
 *
 * It reads whatever graph that Neo4j holds (npm start's, or the test server's base data).
 */
import { loadConfig } from '../lib/config.ts';
import { startInProcessStack } from '../lib/stack.ts';

const DATES = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['2019-04-01', '2020-01-01', '2021-01-01', '2021-06-01', '2022-06-01', '2024-01-01', '2026-01-22', '2026-11-24', '2026-12-17'];
const SHORT: Record<string, string> = { APPLIES: 'A', EXEMPTED_BY_DESIGNATION: 'EX', MODIFIED_BY_DESIGNATION: 'MOD', NOT_YET_IN_FORCE: 'NY', NO_LONGER_IN_FORCE: 'NL' };

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const stack = await startInProcessStack(config);
async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

try {
  const { institutions } = await gql<{ institutions: { id: string; type: string; deployments: { id: string; nameEn: string }[] }[] }>('{ institutions(limit: 200) { id type deployments { id nameEn } } }');
  const deployments = institutions.flatMap((i) => i.deployments.map((d) => ({ ...d, type: i.type })));
  console.log(`| deployment (institution type) | ${DATES.join(' | ')} |`);
  console.log(`|---|${DATES.map(() => '---').join('|')}|`);
  for (const d of deployments) {
    const cells: string[] = [];
    for (const asOf of DATES) {
      const r = await gql<{ applicableObligations: { sandbox: boolean; results: { status: string; obligation: { id: string } }[] } }>(
        'query($d: ID!, $asOf: Date!) { applicableObligations(deployment: $d, context: {sandbox: true, asOf: $asOf}) { sandbox results { status obligation { id } } } }',
        { d: d.id, asOf },
      );
      const rep = r.applicableObligations;
      const counts = new Map<string, number>();
      for (const x of rep.results) counts.set(x.status, (counts.get(x.status) ?? 0) + 1);
      const special = rep.results.filter((x) => x.status === 'EXEMPTED_BY_DESIGNATION' || x.status === 'MODIFIED_BY_DESIGNATION').map((x) => `${SHORT[x.status]} ${x.obligation.id.replace(/^obl\//, '')}`);
      const tally = [...counts].map(([s, n]) => `${SHORT[s] ?? s} ${n}`).join(', ');
      cells.push(`${rep.sandbox ? '**sandbox** ' : ''}${tally}${special.length ? `<br>${special.join('<br>')}` : ''}`);
    }
    console.log(`| ${d.nameEn} (${d.type}) | ${cells.join(' | ')} |`);
  }
  console.log(`\nA = APPLIES, EX = EXEMPTED_BY_DESIGNATION, MOD = MODIFIED_BY_DESIGNATION, NY = NOT_YET_IN_FORCE, NL = NO_LONGER_IN_FORCE; every question asked with context {sandbox: true, asOf}.`);
} finally {
  await stack.stop();
}
