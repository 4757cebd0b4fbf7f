import { Button, Form, Input, InputNumber, Switch } from 'antd';
import type { CSSProperties } from 'react';
import { isFactorRef, nonNull, type SchemaNode } from './params-schema';

type Name = (string | number)[];

const GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
  columnGap: 16,
};
const FIELDSET: CSSProperties = {
  gridColumn: '1 / -1',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  padding: '4px 12px 0',
  margin: '0 0 12px',
  minWidth: 0,
};
const LEGEND: CSSProperties = {
  fontSize: 14,
  fontWeight: 600,
  width: 'auto',
  padding: '0 4px',
  margin: 0,
  border: 0,
};

const testIdOf = (path: Name) => `param-${path.join('.')}`;

function Leaf({
  node,
  name,
  path,
  required,
}: {
  node: SchemaNode;
  name: Name;
  path: Name;
  required: boolean;
}) {
  const { node: value, nullable } = nonNull(node);
  const title = value.title ?? String(path[path.length - 1]);
  const rules = required && !nullable ? [{ required: true, message: `请填写${title}` }] : [];
  if (value.type === 'boolean')
    return (
      <Form.Item label={title} name={name} valuePropName="checked">
        <Switch data-testid={testIdOf(path)} checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    );
  if (value.type === 'integer' || value.type === 'number')
    return (
      <Form.Item label={title} name={name} rules={rules} extra={nullable ? '留空表示不限' : undefined}>
        <InputNumber
          data-testid={testIdOf(path)}
          style={{ width: '100%' }}
          min={value.minimum ?? value.exclusiveMinimum}
          max={value.maximum !== undefined && value.maximum < 1e15 ? value.maximum : undefined}
          precision={value.type === 'integer' ? 0 : undefined}
          placeholder={nullable ? '不限' : undefined}
        />
      </Form.Item>
    );
  return (
    <Form.Item label={title} name={name} rules={rules}>
      <Input data-testid={testIdOf(path)} />
    </Form.Item>
  );
}

/**
 * The fields of one parameter object, built from its JSON schema: a fieldset per nested object, a
 * number box (empty = 不限 where the schema allows null), a switch per yes/no, a list with add and
 * remove for arrays (e.g. capacity bands), and a text box for a factor library reference.
 * `name` is the form name of the object (relative inside a Form.List), `path` its path in params.
 */
export function ParamsFields({
  node,
  stored,
  name,
  path,
}: {
  node: SchemaNode;
  stored: unknown;
  name: Name;
  path: Name;
}) {
  const required = new Set(node.required ?? []);
  return (
    <div style={GRID}>
      {Object.entries(node.properties ?? {}).map(([key, child]) => {
        const value = (stored as Record<string, unknown> | undefined)?.[key];
        const childName = [...name, key];
        const childPath = [...path, key];
        if (isFactorRef(value))
          return (
            <Form.Item
              key={key}
              label={`${child.title ?? key}（因子库引用）`}
              name={[...childName, '$factor']}
              rules={[{ required: true, message: '请填写因子库引用' }]}
            >
              <Input data-testid={testIdOf([...childPath, '$factor'])} translate="no" />
            </Form.Item>
          );
        const inner = nonNull(child).node;
        if (inner.type === 'object')
          return (
            <fieldset key={key} style={FIELDSET}>
              <legend style={LEGEND}>{child.title ?? key}</legend>
              <ParamsFields node={inner} stored={value} name={childName} path={childPath} />
            </fieldset>
          );
        if (inner.type === 'array' && inner.items)
          return (
            <fieldset key={key} style={FIELDSET}>
              <legend style={LEGEND}>{child.title ?? key}</legend>
              <Form.List name={childName}>
                {(items, { add, remove }) => (
                  <>
                    {items.map((item, index) => (
                      <div key={item.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <ParamsFields
                            node={inner.items!}
                            stored={Array.isArray(value) ? value[index] : undefined}
                            name={[item.name]}
                            path={[...childPath, index]}
                          />
                        </div>
                        <Button
                          danger
                          style={{ marginTop: 30 }}
                          onClick={() => remove(item.name)}
                          aria-label={`删除第 ${index + 1} 项`}
                        >
                          删除
                        </Button>
                      </div>
                    ))}
                    <Button style={{ marginBottom: 12 }} onClick={() => add({})}>
                      添加一项
                    </Button>
                  </>
                )}
              </Form.List>
            </fieldset>
          );
        return <Leaf key={key} node={child} name={childName} path={childPath} required={required.has(key)} />;
      })}
    </div>
  );
}
