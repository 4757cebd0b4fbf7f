import { Card, Table } from 'antd';
import { typed, unwrap, type Schema } from '../../api';
import { formatCst } from '../../cst';
import { OrLoadError } from '../remote-view';
import { ScrollBox } from '../scroll-box';
import { ToneTag } from '../tone-tag';
import { useRemote } from '../use-remote';
import { MEMBER_EVENT_LABELS, ROLE_LABELS } from './member-labels';

type MemberEvent = Schema<'MemberEventDto'>;

/** The append-only member history, newest first on screen (China time); `version` reloads it. */
export function MemberEventsCard({ organisationId, version }: { organisationId: string; version: number }) {
  const events = useRemote(
    async () =>
      [
        ...(await unwrap(
          typed.GET('/admin/v1/organisations/{id}/member-events', {
            params: { path: { id: organisationId } },
          }),
        )),
      ].reverse(),
    `member-events-${organisationId}-${version}`,
  );

  return (
    <Card title="成员变动记录" style={{ marginBottom: 16 }}>
      <OrLoadError remote={events} what="成员变动记录">
        <ScrollBox label="成员变动记录">
          <Table<MemberEvent & { key: number }>
            loading={events.loading}
            dataSource={(events.data ?? []).map((event, key) => ({ ...event, key }))}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无变动' }}
            data-testid="member-events"
            columns={[
              { title: '时间（北京时间）', dataIndex: 'at', render: formatCst },
              {
                title: '变动',
                dataIndex: 'event',
                render: (event: string) => {
                  const shown = MEMBER_EVENT_LABELS[event];
                  return <ToneTag tone={shown?.tone ?? 'default'}>{shown?.label ?? event}</ToneTag>;
                },
              },
              {
                title: '用户 ID',
                dataIndex: 'citizenId',
                render: (id: string) => <span translate="no">{id}</span>,
              },
              { title: '角色', dataIndex: 'role', render: (role: string) => ROLE_LABELS[role] ?? role },
              {
                title: '操作人 ID',
                dataIndex: 'adminId',
                render: (id: string) => <span translate="no">{id}</span>,
              },
            ]}
          />
        </ScrollBox>
      </OrLoadError>
    </Card>
  );
}
