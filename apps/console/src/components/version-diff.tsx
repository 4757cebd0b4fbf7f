import { Alert, Table, Typography } from 'antd';
import { ScrollBox } from './scroll-box';
import { formatCst } from '../cst';
import { methodologyLabel } from '../labels';
import type { MethodologyVersion } from './methodology-types';
import { leaves, showValue, type SchemaNode } from './params-schema';
import { scopeText } from './version-scope';

interface Change {
  key: string;
  label: string;
  before: string;
  after: string;
  /** Text as the bureau recorded it (a source's citation), shown as data rather than interface text. */
  recorded?: boolean;
}

const shown = (text: string, change: Change) => (change.recorded ? <span translate="no">{text}</span> : text);

/**
 * The version a draft would take over from: among the versions in force today, one with the same
 * region scope, else the province-wide one, else the highest.
 */
export function versionToCompare(
  versions: MethodologyVersion[],
  draft: MethodologyVersion,
): MethodologyVersion | undefined {
  const inForce = versions
    .filter((v) => v.standing === 'in-force' && v.version !== draft.version)
    .sort((a, b) => b.version - a.version);
  const scope = (v: MethodologyVersion) => JSON.stringify([...(v.regionScope ?? [])].sort());
  return (
    inForce.find((v) => scope(v) === scope(draft)) ??
    inForce.find((v) => !v.regionScope?.length) ??
    inForce[0]
  );
}

/** Every difference between two versions: their dates, scope and source, then each parameter. */
export function versionChanges(
  before: MethodologyVersion,
  after: MethodologyVersion,
  schema: SchemaNode | undefined,
): Change[] {
  const meta: Change[] = [
    {
      key: 'effectiveFrom',
      label: '生效时间',
      before: formatCst(before.effectiveFrom),
      after: formatCst(after.effectiveFrom),
    },
    {
      key: 'effectiveTo',
      label: '失效时间',
      before: before.effectiveTo ? formatCst(before.effectiveTo) : '长期有效',
      after: after.effectiveTo ? formatCst(after.effectiveTo) : '长期有效',
    },
    {
      key: 'regionScope',
      label: '适用范围',
      before: scopeText(before.regionScope),
      after: scopeText(after.regionScope),
    },
    { key: 'source', label: '依据与来源', before: before.source, after: after.source, recorded: true },
  ];
  const old = new Map(leaves(before.params, schema).map((leaf) => [leaf.path, leaf]));
  const now = new Map(leaves(after.params, schema).map((leaf) => [leaf.path, leaf]));
  const params = [...new Set([...old.keys(), ...now.keys()])].map((path) => ({
    key: `params.${path}`,
    label: (now.get(path) ?? old.get(path))!.label,
    before: old.has(path) ? showValue(old.get(path)!.value) : '（无）',
    after: now.has(path) ? showValue(now.get(path)!.value) : '（无）',
    recorded: /(source|unit|\$factor)$/.test(path),
  }));
  return [...meta, ...params].filter((change) => change.before !== change.after);
}

/**
 * What publishing a draft does, in words and as a table: from when, where, which version it takes
 * over from, and every value that changes.
 */
export function PublishSummary({
  draft,
  inForce,
  schema,
}: {
  draft: MethodologyVersion;
  inForce: MethodologyVersion | undefined;
  schema: SchemaNode | undefined;
}) {
  const name = methodologyLabel(draft.methodologyId);
  const future = new Date(draft.effectiveFrom).getTime() > Date.now();
  const when = future
    ? `自 ${formatCst(draft.effectiveFrom)}（北京时间）起`
    : `生效时间 ${formatCst(draft.effectiveFrom)} 已到，发布后立即`;
  const changes = inForce ? versionChanges(inForce, draft, schema) : [];
  return (
    <div data-testid="publish-summary">
      <Typography.Paragraph data-testid="publish-statement">
        发布后，{when}，{scopeText(draft.regionScope)}的{name}按第 {draft.version} 版核算
        {inForce ? `，取代现行的第 ${inForce.version} 版` : ''}。
        {future && inForce ? `在此之前仍按第 ${inForce.version} 版核算。` : ''}
        发布后该版本不可再修改。
      </Typography.Paragraph>
      {!inForce && <Alert type="info" title="目前没有现行版本，无可对比的内容。" />}
      {inForce && changes.length === 0 && <Alert type="warning" title="与现行版本相比没有任何变化。" />}
      {inForce && changes.length > 0 && (
        <ScrollBox label="变更明细">
          <Table<Change>
            data-testid="publish-diff"
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={changes}
            columns={[
              { title: '变更项', dataIndex: 'label' },
              {
                title: `现行（第 ${inForce.version} 版）`,
                dataIndex: 'before',
                render: (before: string, change) => shown(before, change),
              },
              {
                title: `本版（第 ${draft.version} 版）`,
                dataIndex: 'after',
                render: (after: string, change) => (
                  <Typography.Text strong>{shown(after, change)}</Typography.Text>
                ),
              },
            ]}
          />
        </ScrollBox>
      )}
    </div>
  );
}
