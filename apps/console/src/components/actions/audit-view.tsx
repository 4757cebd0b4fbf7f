import { Button, Card, Col, Collapse, Descriptions, Result, Row, Space, Table, Typography } from 'antd';
import { ApiError, get, type Schema } from '../../api';
import { formatCst } from '../../cst';
import {
  ACCOUNT_KIND_LABELS,
  ACTION_STATUS_LABELS,
  ASSET_LABELS,
  VERSION_STATUS_LABELS,
  districtLabel,
  methodologyLabel,
  sourceLabel,
} from '../../labels';
import { sentenceForCode } from '../../locale';
import { navigate } from '../../router';
import { ErrorCode } from '../api-feedback';
import { formatMass, groupDigits } from '../carbon-units';
import { JsonView } from '../json-view';
import { ScrollBox } from '../scroll-box';
import { LabelledValues } from './labelled-values';
import { RemoteView } from '../remote-view';
import { TraceTable } from '../trace-table';
import { useRemote } from '../use-remote';
import { ToneTag } from '../tone-tag';
import { scopeText } from '../version-detail';

/** A day or month cap's usage when it cut the action (result.capUsage, where the API gives it). */
interface CapUsage {
  cap: string;
  period: string;
  limitGrams: string;
  creditedGrams: string;
  actionIds: string[];
}

type ActionAudit = Schema<'ActionAuditDto'> & {
  result: Schema<'ActionAuditDto'>['result'] & { capUsage?: CapUsage | null };
};

const CAP_LABELS: Record<string, string> = {
  perAction: '单次上限',
  perDay: '每日上限',
  perMonth: '每月上限',
  selfReportedPerDay: '个人申报每日上限',
};

const grams = (value: string | null) =>
  value === null ? '—' : `${formatMass(value)}（${groupDigits(value)} 克）`;

/** Which cap cut the action, and (where the API records it) the usage it was cut from. */
function CapText({ cap, usage }: { cap: string | null; usage: CapUsage | null }) {
  if (!cap) return <>未封顶</>;
  const name = CAP_LABELS[cap] ?? cap;
  if (!usage) return <span data-testid="audit-cap">{name}</span>;
  return (
    <span data-testid="audit-cap">
      {name}（{usage.period}）：上限 {formatMass(usage.limitGrams)}，此前已计入{' '}
      {formatMass(usage.creditedGrams)}（{usage.actionIds.length} 条行为）
    </span>
  );
}

/** An id that names no action (or is no id at all): a clear sentence instead of a blank page. */
const NOT_FOUND = new Set(['ACTION_NOT_FOUND', 'VALIDATION_FAILED', 'NOT_FOUND']);

export function AuditView({ id }: { id: string }) {
  const path = `/admin/v1/actions/${encodeURIComponent(id)}/audit`;
  const remote = useRemote(() => get<ActionAudit>(path), path);
  if (remote.error instanceof ApiError && NOT_FOUND.has(remote.error.code))
    return (
      <Result
        status="warning"
        data-testid="audit-not-found"
        title="未找到该行为"
        subTitle={`没有编号为 ${id} 的行为记录。请核对编号，或在行为查询中按市民、区县和日期查找。`}
        extra={<Button onClick={() => navigate('/actions')}>去行为查询</Button>}
      />
    );
  return (
    <RemoteView remote={remote} what="行为审计">
      {(data) => <AuditDetail data={data} />}
    </RemoteView>
  );
}

function AuditDetail({ data }: { data: ActionAudit }) {
  const { action, methodologyVersion: version, result } = data;
  const status = ACTION_STATUS_LABELS[action.status] ?? { label: action.status, color: 'default' };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="action-audit">
      <Descriptions title="行为" bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label="行为 ID">{action.id}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <ToneTag tone={status.color} data-testid="action-status">
            {status.label}
          </ToneTag>
          {action.reasonCode && (
            <Typography.Text type="danger">
              {sentenceForCode(action.reasonCode)} <ErrorCode code={action.reasonCode} />
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="方法学">
          {methodologyLabel(action.methodology)}
          <Typography.Text type="secondary" translate="no">
            （{action.methodology}）
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="来源">{sourceLabel(action.source)}</Descriptions.Item>
        <Descriptions.Item label="市民编号">{action.citizenId ?? '（单位行为）'}</Descriptions.Item>
        <Descriptions.Item label="区县">{`${districtLabel(action.districtCode)}（${action.districtCode}）`}</Descriptions.Item>
        <Descriptions.Item label="发生时间">{formatCst(action.occurredAt)}</Descriptions.Item>
        <Descriptions.Item label="接收时间">{formatCst(action.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="量化时间">{formatCst(action.quantifiedAt)}</Descriptions.Item>
        <Descriptions.Item label="结算时间">{formatCst(action.settledAt)}</Descriptions.Item>
        {action.review && (
          <Descriptions.Item label="审核" span={2}>
            {action.review.decision === 'approved' ? '通过' : '驳回'} · {formatCst(action.review.at)} · 审核人{' '}
            <span data-testid="audit-reviewer">{action.review.byName ?? action.review.by}</span>
            {action.review.note && ` · 备注：${action.review.note}`}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Descriptions title="结果" bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label="申报减排量">{grams(result.requestedGrams)}</Descriptions.Item>
        <Descriptions.Item label="核定减排量">
          <span data-testid="audit-grams">{grams(result.grams)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="封顶">
          <CapText cap={result.capApplied} usage={result.capUsage ?? null} />
        </Descriptions.Item>
        <Descriptions.Item label="积分">
          {result.points === null ? '—' : groupDigits(result.points)}
        </Descriptions.Item>
        <Descriptions.Item label="积分规则" span={2}>
          {result.pointsRule
            ? `第 ${result.pointsRule.version} 版：每克 ${result.pointsRule.pointsPerGram} 积分`
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="提交数据" size="small">
            <LabelledValues value={data.inputs.data} labels="input" testId="audit-inputs" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="证据" size="small">
            <LabelledValues value={data.inputs.evidence} labels="input" />
          </Card>
        </Col>
      </Row>
      {version && (
        <Card
          size="small"
          title={
            <Space>
              <a href={`#/methodologies/${version.methodologyId}/${version.version}`}>
                方法学版本：{methodologyLabel(version.methodologyId)} 第 {version.version} 版
              </a>
              <ToneTag tone={(VERSION_STATUS_LABELS[version.status] ?? { color: 'default' }).color}>
                {VERSION_STATUS_LABELS[version.status]?.label ?? version.status}
              </ToneTag>
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">
            模块版本 {version.moduleVersion} · 生效 {formatCst(version.effectiveFrom)} 至{' '}
            {version.effectiveTo ? formatCst(version.effectiveTo) : '长期'} · 范围{' '}
            {scopeText(version.regionScope)} · 依据 <span translate="no">{version.source}</span>
          </Typography.Paragraph>
          <Typography.Text strong>参数（排放因子已解析）</Typography.Text>
          <LabelledValues value={version.resolvedParams} labels="params" testId="audit-params" />
          <Collapse
            ghost
            items={[
              {
                key: 'raw',
                label: '原始数据（JSON：提交数据、证据、参数原样存储）',
                children: (
                  <div translate="no">
                    <JsonView
                      value={{
                        data: data.inputs.data,
                        evidence: data.inputs.evidence,
                        params: version.params,
                      }}
                    />
                  </div>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card title="计算过程" size="small">
        <TraceTable trace={data.trace} testId="audit-trace" />
      </Card>
      <Card title="账本分录" size="small">
        <ScrollBox label="账本分录">
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={data.postings}
            columns={[
              { title: '分录', dataIndex: 'id' },
              {
                title: '账户类型',
                dataIndex: 'kind',
                render: (kind: string) => ACCOUNT_KIND_LABELS[kind] ?? kind,
              },
              {
                title: '账户',
                dataIndex: 'owner',
                render: (owner: string) => <span translate="no">{owner}</span>,
              },
              { title: '资产', dataIndex: 'asset', render: (asset: string) => ASSET_LABELS[asset] ?? asset },
              { title: '金额', dataIndex: 'amount', align: 'right', render: (v: string) => groupDigits(v) },
              {
                title: '余额',
                dataIndex: 'balanceAfter',
                align: 'right',
                render: (v: string) => groupDigits(v),
              },
              { title: '幂等键', dataIndex: 'idempotencyKey' },
            ]}
          />
        </ScrollBox>
      </Card>
    </Space>
  );
}
