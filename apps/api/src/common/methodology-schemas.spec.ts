import { PARAM_LABELS_ZH } from '@app/contracts';
import { methodologyRegistry } from '@app/methodologies';
import { paramsJsonSchema } from './methodology-schemas.js';

const UNLABELLED = '(no label)';

/** Every title in a schema, by the path of the property it names. */
function titles(node: Record<string, unknown>, path = ''): Record<string, string> {
  const found: Record<string, string> = {};
  const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, child] of Object.entries(properties)) {
    found[`${path}${key}`] = String(child.title);
    Object.assign(found, titles(child, `${path}${key}.`));
    for (const option of (child.anyOf ?? []) as Record<string, unknown>[])
      Object.assign(found, titles(option, `${path}${key}.`));
    if (child.items) Object.assign(found, titles(child.items as Record<string, unknown>, `${path}${key}[].`));
  }
  return found;
}

describe('paramsJsonSchema', () => {
  it.each(methodologyRegistry.ids())('titles every parameter of %s in Chinese', (id) => {
    const module = methodologyRegistry.latest(id)!;
    const schema = paramsJsonSchema(module.paramsSchema, (key) => PARAM_LABELS_ZH[key] ?? UNLABELLED);
    const all = titles(schema);
    expect(Object.keys(all).length).toBeGreaterThan(5);
    expect(Object.entries(all).filter(([, title]) => title === UNLABELLED)).toEqual([]);
    expect(Object.values(all).filter((title) => /[A-Za-z]{3,}/.test(title.replace('COP', '')))).toEqual([]);
  });
});
