import { Button, Card, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { typed, unwrap, type Schema } from '../../api';
import { formatCst } from '../../cst';
import { useApiFeedback } from '../api-feedback';
import { ScrollBox } from '../scroll-box';
import { ToneTag } from '../tone-tag';
import { ROLE_LABELS } from './member-labels';

type Member = Schema<'OrganisationMemberDto'>;

/**
 * The organisation's members, current and removed. Removing one stops them acting for it; re-adding
 * (the same POST as adding) restores them with their last role. Each change asks first.
 */
export function OrganisationMembersCard({
  organisationId,
  members,
  writable,
  onAdd,
  onChanged,
}: {
  organisationId: string;
  members: Member[];
  /** An admin (not an auditor) on an organisation that is not disabled. */
  writable: boolean;
  onAdd: () => void;
  onChanged: () => void;
}) {
  const feedback = useApiFeedback();
  const [busy, setBusy] = useState<string>();

  const change = async (member: Member, removing: boolean) => {
    setBusy(member.citizenId);
    const path = { id: organisationId, citizenId: member.citizenId };
    try {
      if (removing)
        await unwrap(typed.DELETE('/admin/v1/organisations/{id}/members/{citizenId}', { params: { path } }));
      else
        await unwrap(
          typed.POST('/admin/v1/organisations/{id}/members', {
            params: { path: { id: organisationId } },
            body: { citizenId: member.citizenId, role: member.role as Member['role'] },
          }),
        );
      feedback.success(removing ? '已移除成员' : '已重新添加成员');
    } catch (caught) {
      feedback.error(caught, removing ? '移除成员失败' : '重新添加成员失败');
    } finally {
      setBusy(undefined);
      onChanged();
    }
  };

  return (
    <Card
      title="成员"
      style={{ marginBottom: 16 }}
      extra={
        writable && (
          <Button size="small" onClick={onAdd} data-testid="member-add">
            添加成员
          </Button>
        )
      }
    >
      <ScrollBox label="成员列表">
        <Table<Member>
          rowKey="citizenId"
          dataSource={members}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无成员' }}
          data-testid="member-table"
          columns={[
            {
              title: '用户 ID',
              dataIndex: 'citizenId',
              render: (id: string) => <span translate="no">{id}</span>,
            },
            { title: '角色', dataIndex: 'role', render: (role: string) => ROLE_LABELS[role] ?? role },
            {
              title: '状态',
              key: 'status',
              render: (_, m) => (
                <span data-testid={`member-status-${m.citizenId}`}>
                  {m.removedAt ? (
                    <ToneTag tone="default">已移除</ToneTag>
                  ) : (
                    <ToneTag tone="green">在册</ToneTag>
                  )}
                </span>
              ),
            },
            { title: '添加时间', dataIndex: 'addedAt', render: formatCst },
            { title: '移除时间', dataIndex: 'removedAt', render: formatCst },
            ...(writable
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, m: Member) => (
                      <Space>
                        {m.removedAt ? (
                          <Popconfirm
                            title="重新添加该成员？"
                            description={`恢复后可再代表单位提交，角色为${ROLE_LABELS[m.role] ?? m.role}。`}
                            okText="重新添加"
                            cancelText="返回"
                            onConfirm={() => change(m, false)}
                          >
                            <Button
                              size="small"
                              loading={busy === m.citizenId}
                              data-testid={`member-readd-${m.citizenId}`}
                            >
                              重新添加
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Popconfirm
                            title="移除该成员？"
                            description="移除后不能再代表单位提交或查看数据，记录保留，可重新添加。"
                            okText="移除"
                            cancelText="返回"
                            okButtonProps={{ danger: true }}
                            onConfirm={() => change(m, true)}
                          >
                            <Button
                              size="small"
                              danger
                              loading={busy === m.citizenId}
                              data-testid={`member-remove-${m.citizenId}`}
                            >
                              移除
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </ScrollBox>
    </Card>
  );
}
