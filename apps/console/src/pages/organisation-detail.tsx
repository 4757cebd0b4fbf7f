import { Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { typed, unwrap } from '../api';
import { KIND_LABELS, MemberFormModal } from '../components/organisation-form-modals';
import { MemberEventsCard } from '../components/organisations/member-events-card';
import { OrganisationInventoryCard } from '../components/organisations/organisation-inventory-card';
import { OrganisationMembersCard } from '../components/organisations/organisation-members-card';
import { PageTitle } from '../components/page-title';
import { RemoteView } from '../components/remote-view';
import { ToneTag } from '../components/tone-tag';
import { useRemote } from '../components/use-remote';
import { formatCst } from '../cst';
import { districtLabel } from '../districts';
import { canWrite } from '../session';

/** One organisation (#/organisations/<id>): its members and their history, and an institution's inventories. */
export function OrganisationDetail({ id }: { id: string }) {
  // Bumped by every member change, so the history below reloads with the list.
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const detail = useRemote(
    () => unwrap(typed.GET('/admin/v1/organisations/{id}', { params: { path: { id } } })),
    `organisation-${id}-${version}`,
  );
  const changed = () => setVersion((n) => n + 1);

  return (
    <>
      <PageTitle extra={<a href="#/organisations">返回单位列表</a>}>
        <span translate="no">{detail.data?.name ?? '单位详情'}</span>
      </PageTitle>
      <RemoteView remote={detail} what="单位">
        {(organisation) => {
          const writable = canWrite() && !organisation.disabledAt;
          return (
            <>
              <Card style={{ marginBottom: 16 }}>
                <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="organisation-summary">
                  <Descriptions.Item label="统一社会信用代码">{organisation.creditCode}</Descriptions.Item>
                  <Descriptions.Item label="类型">
                    {KIND_LABELS[organisation.kind] ?? organisation.kind}
                  </Descriptions.Item>
                  <Descriptions.Item label="地区">
                    {districtLabel(organisation.districtCode)}（{organisation.districtCode}）
                  </Descriptions.Item>
                  <Descriptions.Item label="状态">
                    {organisation.disabledAt ? (
                      <ToneTag tone="default">已停用（{formatCst(organisation.disabledAt)}）</ToneTag>
                    ) : (
                      <ToneTag tone="green">正常</ToneTag>
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label="在册成员">{organisation.members} 人</Descriptions.Item>
                  <Descriptions.Item label="登记时间">{formatCst(organisation.createdAt)}</Descriptions.Item>
                </Descriptions>
                {organisation.disabledAt && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    单位已停用，成员和排放清单只能查看。
                  </Typography.Paragraph>
                )}
              </Card>
              <OrganisationMembersCard
                organisationId={organisation.id}
                members={organisation.memberList}
                writable={writable}
                onAdd={() => setAdding(true)}
                onChanged={changed}
              />
              <MemberEventsCard organisationId={organisation.id} version={version} />
              {organisation.kind === 'public-institution' && (
                <OrganisationInventoryCard organisationId={organisation.id} writable={writable} />
              )}
              <MemberFormModal
                organisation={adding ? organisation : undefined}
                onClose={() => setAdding(false)}
                onAdded={() => {
                  setAdding(false);
                  changed();
                }}
              />
            </>
          );
        }}
      </RemoteView>
    </>
  );
}
