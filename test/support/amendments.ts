/** Applies a one-obligation Amendment through the real loader, as a regulator would. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { stringify } from 'yaml';
import { applyFiles } from '../../seed/index.ts';

export interface TestObligation {
  amendmentId: string;
  regulation: string;
  obligation: string;
  kind: string;
  provisions: string[];
  triggers: Record<string, string[]>;
  statementKo: string;
  statementEn: string;
  effectiveOn: string;
}

/** The Amendment document adding one obligation, as YAML (for the loader or the seed API). */
export function obligationAmendmentYaml(o: TestObligation): string {
  const doc = {
    kind: 'Amendment',
    id: o.amendmentId,
    instrument: {
      regulation: o.regulation,
      titleKo: `${o.obligation} (시험용)`,
      titleEn: `${o.obligation} (test)`,
      promulgatedOn: '2026-01-01',
      effectiveOn: o.effectiveOn,
      sourceUrl: 'https://example.org/test',
    },
    changes: {
      obligations: [
        {
          op: 'add',
          obligation: o.obligation,
          kind: o.kind,
          provisions: o.provisions,
          triggers: o.triggers,
          actorKo: '금융회사',
          actorEn: 'Financial companies',
          statementKo: o.statementKo,
          statementEn: o.statementEn,
        },
      ],
    },
  };
  return stringify(doc);
}

export async function applyObligationAmendment(driver: Driver, o: TestObligation): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-amd-')), 'amendment.yaml');
  fs.writeFileSync(file, obligationAmendmentYaml(o));
  await applyFiles(driver, [file], { by: 'e2e-test' });
}
