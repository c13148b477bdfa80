/**
 * Synthetic Dataset files for the load benchmark and the fault tests (kill mid-apply, concurrent
 * applies): `provisions` provisions and `obligations` obligations spread over `files` JSON files.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Writes the synthetic set: regulations with provisions, then obligations derived from them. */
export function generateSyntheticSet(dir: string, provisions: number, obligations: number, files: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const perFile = Math.ceil(provisions / files);
  const oblPerFile = Math.ceil(obligations / files);
  const paths: string[] = [];
  const text = (i: number): string => `① 제${i}조의 본문. 금융회사등은 이용자의 개인신용정보를 안전하게 처리하여야 한다. (${i})`;
  for (let f = 0; f < files; f++) {
    const provs = [];
    for (let i = f * perFile; i < Math.min(provisions, (f + 1) * perFile); i++)
      provs.push({
        id: `bench/reg-${f}/art-${i}`,
        article: String(i),
        citationKo: `벤치법${f} 제${i}조`,
        titleKo: `조문 ${i}`,
        versions: [{ validFrom: '2020-01-01', textKo: text(i) }],
      });
    const obls = [];
    for (let i = f * oblPerFile; i < Math.min(obligations, (f + 1) * oblPerFile); i++) {
      const p = i % provisions;
      const pf = Math.floor(p / perFile);
      obls.push({
        id: `obl/bench/${i}`,
        kind: 'OTHER',
        provisions: [`bench/reg-${pf}/art-${p}`],
        triggers: { riskLevels: ['HIGH'] },
        versions: [{ validFrom: '2020-01-01', statementKo: `의무 ${i}: 설명하여야 한다.` }],
      });
    }
    const doc = {
      kind: 'Dataset',
      id: `bench-${f}`,
      regulations: [{ id: `bench/reg-${f}`, nameKo: `벤치법${f}`, nameEn: `Bench Act ${f}`, jurisdiction: 'KR', instrumentType: 'STATUTE', binding: true, provisions: provs }],
      obligations: obls,
    };
    const p = path.join(dir, `bench-${String(f).padStart(3, '0')}.json`);
    fs.writeFileSync(p, JSON.stringify(doc));
    paths.push(p);
  }
  return paths;
}

