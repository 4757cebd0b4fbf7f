import { Alert, App, Button, Card, Col, Collapse, Descriptions, Modal, Row, Space, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { ApiError, typed, unwrap } from '../api';
import { formatCst } from '../cst';
import { methodologyLabel, VERSION_STATUS_LABELS } from '../labels';
import { navigate } from '../router';
import { canWrite } from '../session';
import { fieldErrorsOf, useApiFeedback } from './api-feedback';
import { DraftEditor } from './draft-editor';
import { DryRunCard } from './dry-run-card';
import { JsonView } from './json-view';
import type { MethodologyVersion } from './methodology-types';
import { PageTitle } from './page-title';
import { citesFactorLibrary, type SchemaNode } from './params-schema';
import { ParamsView } from './params-view';
import { RemoteView } from './remote-view';
import { StandingTag } from './standing-tag';
import { useRemote } from './use-remote';
import { PublishSummary, versionToCompare } from './version-diff';
import { scopeText } from './version-scope';

export { scopeText };

interface Loaded {
  version: MethodologyVersion;
  siblings: MethodologyVersion[];
  schema: SchemaNode;
}

async function load(methodologyId: string, version: number): Promise<Loaded> {
  const path = { id: methodologyId, version };
  const one = await unwrap(
    typed.GET('/admin/v1/methodologies/{id}/versions/{version}', { params: { path } }),
  );
  const [all, schema] = await Promise.all([
    unwrap(typed.GET('/admin/v1/methodologies')),
    unwrap(
      typed.GET('/admin/v1/methodologies/{id}/modules/{moduleVersion}/params-schema', {
        params: { path: { id: methodologyId, moduleVersion: one.moduleVersion } },
      }),
    ),
  ]);
  return {
    version: one,
    siblings: all.find((m) => m.id === methodologyId)?.versions ?? [],
    schema: schema.schema as SchemaNode,
  };
}

/** One parameter version: where it stands, its values, its lifecycle buttons, the draft form and a dry run. */
export function VersionDetail({ methodologyId, version }: { methodologyId: string; version: number }) {
  const remote = useRemote(() => load(methodologyId, version), `${methodologyId}@${version}`);
  const name = methodologyLabel(methodologyId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle extra={<Button onClick={() => navigate('/methodologies')}>返回列表</Button>}>
        {name} 第 {version} 版
      </PageTitle>
      <RemoteView remote={remote} what="方法学版本" rows={10}>
        {(loaded) => <VersionBody loaded={loaded} reload={remote.reload} />}
      </RemoteView>
    </Space>
  );
}

function VersionBody({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { version: data, siblings, schema } = loaded;
  const feedback = useApiFeedback();
  const { modal } = App.useApp();
  const [publishing, setPublishing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [publishProblems, setPublishProblems] = useState<string[]>();
  const writable = canWrite();
  const name = methodologyLabel(data.methodologyId);
  const path = { id: data.methodologyId, version: data.version };
  const inForce = versionToCompare(siblings, data);

  const publish = async () => {
    setBusy(true);
    try {
      await unwrap(
        typed.POST('/admin/v1/methodologies/{id}/versions/{version}/publish', { params: { path } }),
      );
      setPublishProblems(undefined);
      setPublishing(false);
      feedback.success(`已发布${name}第 ${data.version} 版`);
      reload();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PARAMS_INVALID') {
        const fields = fieldErrorsOf(error);
        setPublishProblems(fields.length ? fields.map((f) => `${f.field}：${f.problem}`) : ['参数有误']);
      }
      setPublishing(false);
      feedback.error(error, '发布失败');
    } finally {
      setBusy(false);
    }
  };

  const retire = () =>
    modal.confirm({
      title: `撤回${name}第 ${data.version} 版？`,
      content: '撤回后该版本不再适用于任何新的行为；已结算的行为不受影响。此操作不可撤销。',
      okText: '确认撤回',
      okButtonProps: { danger: true, 'data-testid': 'version-retire-confirm' } as ButtonProps,
      cancelText: '取消',
      onOk: async () => {
        try {
          await unwrap(
            typed.POST('/admin/v1/methodologies/{id}/versions/{version}/retire', { params: { path } }),
          );
          feedback.success(`已撤回${name}第 ${data.version} 版`);
          reload();
        } catch (error) {
          feedback.error(error, '撤回失败');
        }
      },
    });

  const editing = writable && data.status === 'draft';
  return (
    <>
      <Space wrap>
        <StandingTag version={data} />
        {editing && (
          <Button type="primary" data-testid="version-publish" onClick={() => setPublishing(true)}>
            发布…
          </Button>
        )}
        {writable && data.status === 'published' && (
          <Button danger data-testid="version-retire" onClick={retire}>
            撤回
          </Button>
        )}
      </Space>
      <Modal
        open={publishing}
        title={`发布${name}第 ${data.version} 版`}
        okText="确认发布"
        cancelText="取消"
        width={720}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'publish-confirm' } as ButtonProps}
        onOk={publish}
        onCancel={() => setPublishing(false)}
      >
        <PublishSummary draft={data} inForce={inForce} schema={schema} />
      </Modal>
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
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="发布时间">{formatCst(data.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="代码模块版本">第 {data.moduleVersion} 版</Descriptions.Item>
        <Descriptions.Item label="生效时间">{formatCst(data.effectiveFrom)}</Descriptions.Item>
        <Descriptions.Item label="失效时间">
          {data.effectiveTo ? formatCst(data.effectiveTo) : '长期有效'}
        </Descriptions.Item>
        <Descriptions.Item label="适用范围" span={2}>
          {scopeText(data.regionScope)}
        </Descriptions.Item>
        <Descriptions.Item label="依据与来源" span={2}>
          <span translate="no">{data.source}</span>
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={editing ? 14 : 12}>
          {editing ? (
            <Card title="编辑草稿">
              <DraftEditor key={JSON.stringify(data)} draft={data} schema={schema} onSaved={reload} />
            </Card>
          ) : (
            <Card title="参数" size="small">
              <ParamsView params={data.params} schema={schema} testId="version-params" />
            </Card>
          )}
        </Col>
        {/* The resolved values only where they differ from what is stored: where a factor is cited from the library. */}
        {citesFactorLibrary(data.params) && (
          <Col xs={24} xl={editing ? 10 : 12}>
            <Card title="参数（排放因子已从因子库解析）" size="small">
              <ParamsView params={data.resolvedParams} schema={schema} testId="version-resolved-params" />
            </Card>
          </Col>
        )}
      </Row>
      <Collapse
        items={[
          {
            key: 'json',
            label: '原始数据（JSON，供技术支持核对）',
            children: <JsonView value={data.params} testId="version-params-json" maxHeight={400} />,
          },
        ]}
      />
      <DryRunCard methodologyId={data.methodologyId} version={data.version} />
    </>
  );
}

/** A version's lifecycle status alone (草稿 / 已发布 / 已撤回), where its standing today is not known. */
export function VersionStatusTag({ status }: { status: string }) {
  const known = VERSION_STATUS_LABELS[status] ?? { label: status, color: 'default' };
  return (
    <Tag color={known.color} data-testid="version-lifecycle">
      {known.label}
    </Tag>
  );
}
