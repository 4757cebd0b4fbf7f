import { methodologyRegistry } from '@app/methodologies';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { efficientAcParamsV1 } from '../seeds/methodologies/efficient-ac.v1.js';

const ROOT = resolve(import.meta.dirname, '..');
const DOCUMENTS = ['README.md', ...readdirSync(resolve(ROOT, 'docs')).map((f) => `docs/${f}`)];
const grouped = (n: string | number) => Number(n).toLocaleString('en-US');

/** The README and docs/ are read in a clone of the repository: every link must resolve inside it. */
describe('the README and docs/', () => {
  it.each(DOCUMENTS)('%s links only to files of the repository that exist', (document) => {
    const text = readFileSync(resolve(ROOT, document), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1].split('#')[0])
      .filter((target) => target && !/^[a-z]+:/.test(target));
    const broken = targets.filter((target) => {
      const file = resolve(ROOT, dirname(document), target);
      return relative(ROOT, file).startsWith('..') || !existsSync(file);
    });
    expect(broken).toEqual([]);
  });

  it('describe every methodology, and the efficient-AC baseline table as seeded', () => {
    const text = readFileSync(resolve(ROOT, 'docs/methodologies.md'), 'utf8');
    for (const id of methodologyRegistry.ids()) expect(text).toContain(`\`${id}\``);
    for (const band of efficientAcParamsV1.baseline.bands) {
      const row = new RegExp(
        `\\|\\s*${grouped(band.minCapacityW)} – ${grouped(band.maxCapacityW)} W\\s*\\|\\s*${grouped(band.annualKWh)}\\s*\\|`,
      );
      expect(text).toMatch(row);
    }
  });
});
