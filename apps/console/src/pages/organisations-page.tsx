import { Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { downloadCsv, post, typed, unwrap } from '../api';
import { useApiFeedback } from '../components/api-feedback';
import {
  KIND_LABELS,
  MemberFormModal,
  OrganisationFormModal,
  type Organisation,
} from '../components/organisation-form-modals';
import { OrLoadError } from '../components/remote-view';
import { PageTitle } from '../components/page-title';
import { ScrollBox } from '../components/scroll-box';
import { ToneTag } from '../components/tone-tag';
import { useRemote } from '../components/use-remote';
import { cstToday, formatCst, shiftDate } from '../cst';
import { districtLabel } from '../districts';
import { canWrite } from '../session';
import type { PageProps } from './index';
import { OrganisationDetail } from './organisation-detail';

type KindFilter = 'small-business' | 'public-institution' | undefined;

/** 单位账户: the list (#/organisations) or one organisation (#/organisations/<id>). */
export function OrganisationsPage({ segments }: PageProps) {
  return segments[0] ? <OrganisationDetail id={segments[0]} /> : <OrganisationList />;
}

/** Small businesses and public institutions, registering, adding members and disabling them. */
function OrganisationList() {
  const writable = canWrite();
  const feedback = useApiFeedback();
  const [kind, setKind] = useState<KindFilter>();
  const organisations = useRemote(
    () => unwrap(typed.GET('/admin/v1/organisations', { params: { query: kind ? { kind } : {} } })),
    `organisations-${kind ?? 'all'}`,
  );
  const [creating, setCreating] = useState(false);
  const [addingTo, setAddingTo] = useState<Organisation>();
  const [disabling, setDisabling] = useState<string>();

  const disable = async (organisation: Organisation) => {
    setDisabling(organisation.id);
    try {
      await post<Organisation>(`/admin/v1/organisations/${encodeURIComponent(organisation.id)}/disable`);
      feedback.success(`已停用单位 ${organisation.name}`);
    } catch (caught) {
      feedback.error(caught, '停用单位失败');
    } finally {
      setDisabling(undefined);
      organisations.reload();
    }
  };

  // The participants report (citizens beside organisations, by district) for the last 30 days, for Excel.
  const downloadParticipants = () => {
    const to = cstToday();
    const from = shiftDate(to, -29);
    downloadCsv(`/admin/v1/reports/participants?from=${from}&to=${to}`, `参与主体_${from}至${to}.csv`).catch(
      (error: unknown) => feedback.error(error, '下载失败'),
    );
  };

  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Button onClick={downloadParticipants} data-testid="csv-participants">
              下载参与主体报表（CSV，近30天）
            </Button>
            {writable && (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="create-organisation">
                登记单位
              </Button>
            )}
          </Space>
        }
      >
        单位账户
      </PageTitle>
      <Card>
        <Typography.Paragraph type="secondary">
          中小微企业和公共机构的屋顶光伏、空气源热泵、节能空调按同一方法学核算，减排量进入所在地区的减排量池，记入单位自己的碳普惠账户，不发放个人积分。成员用自己的小程序账号代表单位提交。
        </Typography.Paragraph>
        <Space style={{ marginBottom: 16 }}>
          <span id="organisation-kind-label">单位类型</span>
          <Select<KindFilter>
            aria-labelledby="organisation-kind-label"
            allowClear
            placeholder="全部"
            style={{ width: 160 }}
            value={kind}
            onChange={setKind}
            options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Space>
        <OrLoadError remote={organisations} what="单位">
          <ScrollBox label="单位列表">
            <Table<Organisation>
              rowKey="id"
              loading={organisations.loading}
              dataSource={organisations.data ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: '暂无单位' }}
              columns={[
                {
                  title: '单位名称',
                  dataIndex: 'name',
                  render: (name: string, o) => (
                    <a
                      href={`#/organisations/${encodeURIComponent(o.id)}`}
                      data-testid={`organisation-link-${o.id}`}
                    >
                      {name}
                    </a>
                  ),
                },
                { title: '统一社会信用代码', dataIndex: 'creditCode' },
                { title: '类型', dataIndex: 'kind', render: (value: string) => KIND_LABELS[value] ?? value },
                {
                  title: '地区',
                  dataIndex: 'districtCode',
                  render: (code: string) => `${districtLabel(code)}（${code}）`,
                },
                { title: '成员数', dataIndex: 'members', align: 'right' },
                { title: '登记时间', dataIndex: 'createdAt', render: formatCst },
                {
                  title: '状态',
                  key: 'status',
                  render: (_, o) =>
                    o.disabledAt ? (
                      <Tag title={`停用于 ${formatCst(o.disabledAt)}`}>已停用</Tag>
                    ) : (
                      <ToneTag tone="green">正常</ToneTag>
                    ),
                },
                ...(writable
                  ? [
                      {
                        title: '操作',
                        key: 'actions',
                        render: (_: unknown, o: Organisation) =>
                          o.disabledAt ? null : (
                            <Space>
                              <Button size="small" onClick={() => setAddingTo(o)}>
                                添加成员
                              </Button>
                              <Popconfirm
                                title={`停用单位「${o.name}」？`}
                                description="停用后不能再提交新的减排行为，已入账的记录保留。"
                                okText="停用"
                                cancelText="返回"
                                okButtonProps={{ danger: true }}
                                onConfirm={() => disable(o)}
                              >
                                <Button size="small" danger loading={disabling === o.id}>
                                  停用
                                </Button>
                              </Popconfirm>
                            </Space>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </ScrollBox>
        </OrLoadError>
        <OrganisationFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            organisations.reload();
          }}
        />
        <MemberFormModal
          organisation={addingTo}
          onClose={() => setAddingTo(undefined)}
          onAdded={() => {
            setAddingTo(undefined);
            organisations.reload();
          }}
        />
      </Card>
    </>
  );
}
