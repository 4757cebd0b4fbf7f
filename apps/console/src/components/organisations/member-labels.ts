/** How members' roles and the member history's events read in the console. */
export const ROLE_LABELS: Record<string, string> = { manager: '管理员', member: '成员' };

export const MEMBER_EVENT_LABELS: Record<string, { label: string; tone: string }> = {
  added: { label: '添加', tone: 'blue' },
  'role-changed': { label: '角色变更', tone: 'gold' },
  removed: { label: '移除', tone: 'red' },
  're-added': { label: '重新添加', tone: 'green' },
};
