import { Button, Modal, Space, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get, post } from '../api';
import { useApiFeedback } from '../components/api-feedback';
import { CstDatePicker } from '../components/cst-picker';
import type { MethodologySummary, MethodologyVersion } from '../components/methodology-types';
import { useRemote } from '../components/use-remote';
import { formatCst, toApi } from '../cst';
import { scopeText, VersionDetail, VersionStatusTag } from '../components/version-detail';
import { methodologyLabel } from '../labels';
import { navigate } from '../router';
import { canWrite } from '../session';
import type { PageProps } from './index';

const versionPath = (v: { methodologyId: string; version: number }) =>
  `/methodologies/${v.methodologyId}/${v.version}`;

function VersionsTable({ versions }: { versions: MethodologyVersion[] }) {
  return (
    <Table<MethodologyVersion>
      size="small"
      pagination={false}
      rowKey="version"
      dataSource={[...versions].reverse()}
      columns={[
        {
          title: '版本',
          render: (_, v) => (
            <a href={`#${versionPath(v)}`} data-testid={`version-link-${v.methodologyId}-${v.version}`}>
              第 {v.version} 版
            </a>
          ),
        },
        { title: '状态', render: (_, v) => <VersionStatusTag status={v.status} /> },
        { title: '模块版本', dataIndex: 'moduleVersion' },
        { title: '生效时间', render: (_, v) => formatCst(v.effectiveFrom) },
        { title: '失效时间', render: (_, v) => (v.effectiveTo ? formatCst(v.effectiveTo) : '长期有效') },
        { title: '适用范围', render: (_, v) => scopeText(v.regionScope) },
        { title: '发布时间', render: (_, v) => formatCst(v.publishedAt) },
      ]}
    />
  );
}

/** Every methodology with its versions; an admin starts a draft from the newest one. */
function MethodologyList() {
  const feedback = useApiFeedback();
  const { data, loading } = useRemote(() => get<MethodologySummary[]>('/admin/v1/methodologies'), 'list');
  const [drafting, setDrafting] = useState<MethodologySummary>();
  const [effectiveFrom, setEffectiveFrom] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);

  const createDraft = async () => {
    if (!drafting) return;
    setBusy(true);
    try {
      const draft = await post<MethodologyVersion>(
        `/admin/v1/methodologies/${drafting.id}/drafts`,
        effectiveFrom ? { effectiveFrom: toApi(effectiveFrom) } : {},
      );
      feedback.success(`已创建草稿：第 ${draft.version} 版`);
      navigate(versionPath(draft));
    } catch (error) {
      feedback.error(error, '创建草稿失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={4}>方法学版本</Typography.Title>
      {/* Mounted once the data is here: defaultExpandAllRows only expands the rows of the first render. */}
      {loading && !data && <Spin />}
      {data && (
        <Table<MethodologySummary>
          rowKey="id"
          pagination={false}
          dataSource={data}
          expandable={{
            expandedRowRender: (m) => <VersionsTable versions={m.versions} />,
            defaultExpandAllRows: true,
          }}
          columns={[
            { title: '方法学', render: (_, m) => `${methodologyLabel(m.id)}（${m.id}）` },
            { title: '名称', dataIndex: 'title' },
            { title: '版本数', render: (_, m) => m.versions.length },
            {
              title: '操作',
              render: (_, m) =>
                canWrite() && (
                  <Button size="small" data-testid={`create-draft-${m.id}`} onClick={() => setDrafting(m)}>
                    新建草稿
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={!!drafting}
        title={drafting && `新建草稿：${methodologyLabel(drafting.id)}`}
        okText="创建"
        cancelText="取消"
        confirmLoading={busy}
        onOk={createDraft}
        onCancel={() => setDrafting(undefined)}
      >
        <Space orientation="vertical">
          <span>草稿复制最新版本的参数，可在创建后编辑。生效时间（北京时间；可空，默认现在）：</span>
          <CstDatePicker showTime value={effectiveFrom} onChange={setEffectiveFrom} />
        </Space>
      </Modal>
    </>
  );
}

export function MethodologiesPage({ segments }: PageProps) {
  const [id, version] = segments;
  if (id && version && /^\d+$/.test(version))
    return <VersionDetail key={`${id}@${version}`} methodologyId={id} version={Number(version)} />;
  return <MethodologyList />;
}
