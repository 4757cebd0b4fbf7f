/**
 * A methodology's parameter JSON schema as the admin API publishes it (params-schema, every field
 * titled in Chinese), and the walks the version form, the read-only view and the diff share.
 */
export interface SchemaNode {
  type?: string;
  title?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

/** A factor reference as stored: {"$factor": "grid/north-china/2023"}, resolved from the factor library. */
export const isFactorRef = (value: unknown): value is { $factor: string } =>
  !!value && typeof value === 'object' && typeof (value as { $factor?: unknown }).$factor === 'string';

/** The non-null alternative of a nullable field (anyOf [X, null]); the node itself otherwise. */
export function nonNull(node: SchemaNode): { node: SchemaNode; nullable: boolean } {
  const options = node.anyOf ?? [];
  const value = options.find((option) => option.type !== 'null');
  return value && options.some((option) => option.type === 'null')
    ? { node: { ...value, title: node.title }, nullable: true }
    : { node, nullable: false };
}

/** An object's entries in the schema's order (the database returns jsonb keys by length), then any others. */
function orderedEntries(value: Record<string, unknown>, node: SchemaNode | undefined): [string, unknown][] {
  const order = Object.keys(node?.properties ?? {});
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
}

/** Whether a parameter set cites the factor library anywhere ({"$factor": …}). */
export const citesFactorLibrary = (value: unknown): boolean =>
  isFactorRef(value) ||
  (!!value && typeof value === 'object' && Object.values(value as object).some(citesFactorLibrary));

export interface Leaf {
  /** 'factor.value' */
  path: string;
  /** '减排因子 › 数值' */
  label: string;
  value: unknown;
}

/** Every leaf of a parameter set, labelled by the schema's titles (keys the schema lacks keep their name). */
export function leaves(value: unknown, node: SchemaNode | undefined, path = '', label = ''): Leaf[] {
  const join = (a: string, b: string, separator: string) => (a ? `${a}${separator}${b}` : b);
  if (isFactorRef(value))
    return [
      { path: join(path, '$factor', '.'), label: join(label, '因子库引用', ' › '), value: value.$factor },
    ];
  if (Array.isArray(value))
    return value.flatMap((item, index) =>
      leaves(item, node?.items, join(path, String(index), '.'), join(label, `第 ${index + 1} 项`, ' › ')),
    );
  if (value && typeof value === 'object')
    return orderedEntries(value as Record<string, unknown>, node).flatMap(([key, child]) => {
      const childNode = node?.properties?.[key];
      return leaves(
        child,
        childNode && nonNull(childNode).node,
        join(path, key, '.'),
        join(label, childNode?.title ?? key, ' › '),
      );
    });
  return [{ path, label, value }];
}

/** A leaf's value as an officer reads it. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '不限';
  if (value === true) return '是';
  if (value === false) return '否';
  return String(value);
}
