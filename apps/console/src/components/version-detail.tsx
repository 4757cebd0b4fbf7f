import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { ApiError, get, post } from '../api';
import { districtLabel, methodologyLabel, VERSION_STATUS_LABELS } from '../labels';
import { navigate } from '../router';
import { canWrite } from '../session';
import { formatCst } from '../cst';
import { fieldErrorsOf, useApiFeedback } from './api-feedback';
import { DraftEditor } from './draft-editor';
import { DryRunCard } from './dry-run-card';
import { JsonView } from './json-view';
import type { MethodologyVersion } from './methodology-types';
import { useRemote } from './use-remote';

export const scopeText = (scope: string[] | null | undefined): string =>
  scope && scope.length ? scope.map(districtLabel).join('、') : '全部地区';

export function VersionStatusTag({ status }: { status: string }) {
  const known = VERSION_STATUS_LABELS[status] ?? { label: status, color: 'default' };
  return (
    <Tag color={known.color} data-testid="version-status">
      {known.label}
    </Tag>
  );
}

/** One parameter version: what it says, its lifecycle buttons, the draft editor and a dry run. */
export function VersionDetail({ methodologyId, version }: { methodologyId: string; version: number }) {
  const feedback = useApiFeedback();
  const { modal } = App.useApp();
  const path = `/admin/v1/methodologies/${encodeURIComponent(methodologyId)}/versions/${version}`;
  const { data, reload } = useRemote(() => get<MethodologyVersion>(path), path);
  const [publishProblems, setPublishProblems] = useState<string[]>();
  const writable = canWrite();

  const publish = async () => {
    try {
      await post(`${path}/publish`);
      setPublishProblems(undefined);
      feedback.success(`已发布 ${methodologyId}@${version}`);
      reload();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PARAMS_INVALID') {
        const fields = fieldErrorsOf(error);
        setPublishProblems(fields.length ? fields.map((f) => `${f.field}: ${f.problem}`) : [error.message]);
      }
      feedback.error(error, '发布失败');
    }
  };

  const retire = () =>
    modal.confirm({
      title: `退役 ${methodologyLabel(methodologyId)} 第 ${version} 版？`,
      content: '退役后该版本不再适用于任何新的行为；已结算的行为不受影响。此操作不可撤销。',
      okText: '确认退役',
      okButtonProps: { danger: true, 'data-testid': 'version-retire-confirm' } as ButtonProps,
      cancelText: '取消',
      onOk: async () => {
        try {
          await post(`${path}/retire`);
          feedback.success(`已退役 ${methodologyId}@${version}`);
          reload();
        } catch (error) {
          feedback.error(error, '退役失败');
        }
      },
    });

  if (!data) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Button onClick={() => navigate('/methodologies')}>返回列表</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {methodologyLabel(methodologyId)}（{methodologyId}）第 {version} 版
        </Typography.Title>
        <VersionStatusTag status={data.status} />
        {writable && data.status === 'draft' && (
          <Popconfirm
            title="发布后该版本不可再修改，确认发布？"
            okText="发布"
            cancelText="取消"
            onConfirm={publish}
          >
            <Button type="primary" data-testid="version-publish">
              发布
            </Button>
          </Popconfirm>
        )}
        {writable && data.status === 'published' && (
          <Button danger data-testid="version-retire" onClick={retire}>
            退役
          </Button>
        )}
      </Space>
      {publishProblems && (
        <Alert
          type="error"
          title="参数未通过校验，不能发布"
          description={
            <ul>
              {publishProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="代码模块版本">{data.moduleVersion}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatCst(data.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="生效时间">{formatCst(data.effectiveFrom)}</Descriptions.Item>
        <Descriptions.Item label="失效时间">
          {data.effectiveTo ? formatCst(data.effectiveTo) : '长期有效'}
        </Descriptions.Item>
        <Descriptions.Item label="适用范围" span={2}>
          {scopeText(data.regionScope)}
        </Descriptions.Item>
        <Descriptions.Item label="依据与来源" span={2}>
          {data.source}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col span={writable && data.status === 'draft' ? 14 : 12}>
          {writable && data.status === 'draft' ? (
            <Card title="编辑草稿">
              <DraftEditor key={JSON.stringify(data)} draft={data} onSaved={reload} />
            </Card>
          ) : (
            <Card title="参数（原样存储）" size="small">
              <JsonView value={data.params} testId="version-params" maxHeight={600} />
            </Card>
          )}
        </Col>
        <Col span={writable && data.status === 'draft' ? 10 : 12}>
          <Card title="参数（排放因子已解析）" size="small">
            <JsonView value={data.resolvedParams} testId="version-resolved-params" maxHeight={600} />
          </Card>
        </Col>
      </Row>
      <DryRunCard methodologyId={methodologyId} version={version} />
    </Space>
  );
}
