import { Button, Card, Modal, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { typed, unwrap } from '../api';
import { useApiFeedback } from '../components/api-feedback';
import { CstDatePicker } from '../components/cst-picker';
import type { MethodologySummary, MethodologyVersion } from '../components/methodology-types';
import { PageTitle } from '../components/page-title';
import { RemoteView } from '../components/remote-view';
import { StandingTag } from '../components/standing-tag';
import { useRemote } from '../components/use-remote';
import { VersionDetail } from '../components/version-detail';
import { scopeText } from '../components/version-scope';
import { formatCst, toApi } from '../cst';
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
      scroll={{ x: 'max-content' }}
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
        { title: '今日状态', render: (_, v) => <StandingTag version={v} /> },
        { title: '生效时间', render: (_, v) => formatCst(v.effectiveFrom) },
        { title: '失效时间', render: (_, v) => (v.effectiveTo ? formatCst(v.effectiveTo) : '长期有效') },
        { title: '适用范围', render: (_, v) => scopeText(v.regionScope) },
        { title: '发布时间', render: (_, v) => formatCst(v.publishedAt) },
      ]}
    />
  );
}

/** Every methodology with its versions and where each stands today; an admin starts a draft from the newest. */
function MethodologyList() {
  const feedback = useApiFeedback();
  const remote = useRemote(() => unwrap(typed.GET('/admin/v1/methodologies')), 'list');
  const [drafting, setDrafting] = useState<MethodologySummary>();
  const [effectiveFrom, setEffectiveFrom] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);

  const createDraft = async () => {
    if (!drafting) return;
    setBusy(true);
    try {
      const draft = await unwrap(
        typed.POST('/admin/v1/methodologies/{id}/drafts', {
          params: { path: { id: drafting.id } },
          body: effectiveFrom ? { effectiveFrom: toApi(effectiveFrom) } : {},
        }),
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
      <PageTitle>方法学版本</PageTitle>
      <RemoteView remote={remote} what="方法学">
        {(data) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {data.map((m) => (
              <Card
                key={m.id}
                size="small"
                title={<h2 style={{ fontSize: 16, margin: 0 }}>{methodologyLabel(m.id)}</h2>}
                extra={
                  canWrite() && (
                    <Button size="small" data-testid={`create-draft-${m.id}`} onClick={() => setDrafting(m)}>
                      新建草稿
                    </Button>
                  )
                }
              >
                <VersionsTable versions={m.versions} />
              </Card>
            ))}
          </Space>
        )}
      </RemoteView>
      <Modal
        open={!!drafting}
        title={drafting && `新建草稿：${methodologyLabel(drafting.id)}`}
        okText="创建"
        cancelText="取消"
        confirmLoading={busy}
        onOk={createDraft}
        onCancel={() => setDrafting(undefined)}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="new-draft-effective-from">
            草稿复制最新版本的参数，可在创建后编辑。生效时间（北京时间；可空，默认现在）：
          </label>
          <CstDatePicker
            id="new-draft-effective-from"
            showTime
            value={effectiveFrom}
            onChange={setEffectiveFrom}
            style={{ width: '100%' }}
          />
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
