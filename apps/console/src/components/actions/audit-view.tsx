import { Button, Card, Col, Descriptions, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { ApiError, get } from '../../api';
import { formatCst } from '../../cst';
import {
  ACCOUNT_KIND_LABELS,
  ACTION_STATUS_LABELS,
  ASSET_LABELS,
  districtLabel,
  methodologyLabel,
  sourceLabel,
} from '../../labels';
import { sentenceForCode } from '../../locale';
import { navigate } from '../../router';
import { ErrorCode } from '../api-feedback';
import { formatMass, groupDigits } from '../carbon-units';
import { JsonView } from '../json-view';
import { RemoteView } from '../remote-view';
import { TraceTable, type TraceStep } from '../trace-table';
import { useRemote } from '../use-remote';
import { scopeText, VersionStatusTag } from '../version-detail';

interface ActionAudit {
  action: {
    id: string;
    citizenId: string;
    districtCode: string;
    methodology: string;
    source: string;
    status: string;
    reasonCode: string | null;
    occurredAt: string | null;
    receivedAt: string | null;
    quantifiedAt: string | null;
    settledAt: string | null;
    review: {
      decision: string;
      note: string | null;
      by: string;
      byName: string | null;
      at: string | null;
    } | null;
  };
  inputs: { data: unknown; evidence: unknown };
  methodologyVersion: {
    methodologyId: string;
    version: number;
    moduleVersion: number;
    status: string;
    effectiveFrom: string | null;
    effectiveTo: string | null;
    regionScope: string[] | null;
    source: string;
    params: unknown;
    resolvedParams: unknown;
  } | null;
  trace: TraceStep[] | null;
  result: {
    requestedGrams: string | null;
    grams: string | null;
    capApplied: string | null;
    points: string | null;
    pointsRule: { version: number; pointsPerGram: string } | null;
  };
  postings: {
    id: string;
    kind: string;
    owner: string;
    asset: string;
    amount: string;
    balance_after: string;
    account_version: string;
    idempotency_key: string;
  }[];
}

const grams = (value: string | null) =>
  value === null ? '—' : `${formatMass(value)}（${groupDigits(value)} 克）`;

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
      <Descriptions title="行为" bordered size="small" column={2}>
        <Descriptions.Item label="行为 ID">{action.id}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={status.color} data-testid="action-status">
            {status.label}
          </Tag>
          {action.reasonCode && (
            <Typography.Text type="danger">
              {sentenceForCode(action.reasonCode)} <ErrorCode code={action.reasonCode} />
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="方法学">{`${methodologyLabel(action.methodology)}（${action.methodology}）`}</Descriptions.Item>
        <Descriptions.Item label="来源">{sourceLabel(action.source)}</Descriptions.Item>
        <Descriptions.Item label="市民编号">{action.citizenId}</Descriptions.Item>
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
      <Descriptions title="结果" bordered size="small" column={2}>
        <Descriptions.Item label="申报减排量">{grams(result.requestedGrams)}</Descriptions.Item>
        <Descriptions.Item label="核定减排量">
          <span data-testid="audit-grams">{grams(result.grams)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="封顶扣减">{grams(result.capApplied)}</Descriptions.Item>
        <Descriptions.Item label="积分">
          {result.points === null ? '—' : groupDigits(result.points)}
        </Descriptions.Item>
        <Descriptions.Item label="积分规则" span={2}>
          {result.pointsRule
            ? `第 ${result.pointsRule.version} 版：每克 ${result.pointsRule.pointsPerGram} 积分`
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="提交数据" size="small">
            <JsonView value={data.inputs.data} />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="证据" size="small">
            <JsonView value={data.inputs.evidence} />
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
              <VersionStatusTag status={version.status} />
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">
            模块版本 {version.moduleVersion} · 生效 {formatCst(version.effectiveFrom)} 至{' '}
            {version.effectiveTo ? formatCst(version.effectiveTo) : '长期'} · 范围{' '}
            {scopeText(version.regionScope)} · 来源 {version.source}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col span={12}>
              <Typography.Text strong>参数（原样存储）</Typography.Text>
              <JsonView value={version.params} />
            </Col>
            <Col span={12}>
              <Typography.Text strong>参数（排放因子已解析）</Typography.Text>
              <JsonView value={version.resolvedParams} />
            </Col>
          </Row>
        </Card>
      )}
      <Card title="计算过程" size="small">
        <TraceTable trace={data.trace} testId="audit-trace" />
      </Card>
      <Card title="账本分录" size="small">
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
            { title: '账户', dataIndex: 'owner' },
            { title: '资产', dataIndex: 'asset', render: (asset: string) => ASSET_LABELS[asset] ?? asset },
            { title: '金额', dataIndex: 'amount', align: 'right', render: (v: string) => groupDigits(v) },
            {
              title: '余额',
              dataIndex: 'balance_after',
              align: 'right',
              render: (v: string) => groupDigits(v),
            },
            { title: '幂等键', dataIndex: 'idempotency_key' },
          ]}
        />
      </Card>
    </Space>
  );
}
