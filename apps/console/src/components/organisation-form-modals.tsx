import { Form, Input, Select } from 'antd';
import { post, type Schema } from '../api';
import { DISTRICTS } from '../districts';
import { FormModal, useApiForm } from './api-form';

export type Organisation = Schema<'OrganisationDto'>;
type Member = Schema<'OrganisationMemberDto'>;

export const KIND_LABELS: Record<string, string> = {
  'small-business': '中小微企业',
  'public-institution': '公共机构',
};

/** 统一社会信用代码: 18 characters of digits and capitals (the API checks the check character). */
const CREDIT_CODE = /^[0-9A-Z]{18}$/;

interface OrganisationValues {
  name: string;
  creditCode: string;
  districtCode: string;
  kind: string;
}

/** Registers a small business or public institution. */
export function OrganisationFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (organisation: Organisation) => void;
}) {
  const { form, busy, submit } = useApiForm<OrganisationValues, Organisation>({
    send: (values) =>
      post<Organisation>('/admin/v1/organisations', {
        name: values.name.trim(),
        creditCode: values.creditCode.trim().toUpperCase(),
        districtCode: values.districtCode,
        kind: values.kind,
      }),
    fieldByApi: {
      name: 'name',
      creditCode: 'creditCode',
      districtCode: 'districtCode',
      kind: 'kind',
      CREDIT_CODE_INVALID: 'creditCode',
      ORGANISATION_EXISTS: 'creditCode',
      DISTRICT_UNKNOWN: 'districtCode',
    },
    messages: {
      CREDIT_CODE_INVALID: '统一社会信用代码校验位不正确',
      ORGANISATION_EXISTS: '该统一社会信用代码的单位已登记',
      DISTRICT_UNKNOWN: '平台不认识该地区代码',
    },
    succeeded: (created) => `已登记单位 ${created.name}`,
    failed: '登记单位失败',
    onSent: onCreated,
  });

  return (
    <FormModal
      title="登记单位"
      okText="登记"
      open={open}
      width={560}
      form={form}
      busy={busy}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'small-business' }}>
        <Form.Item
          label="单位名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入单位名称' },
            { max: 200, message: '最多 200 个字' },
          ]}
        >
          <Input placeholder="济宁市机关事务服务中心" />
        </Form.Item>
        <Form.Item
          label="统一社会信用代码"
          name="creditCode"
          rules={[
            { required: true, message: '请输入统一社会信用代码' },
            { pattern: CREDIT_CODE, message: '应为 18 位数字或大写字母' },
          ]}
        >
          <Input maxLength={18} placeholder="91370100MA3C5N6R26" />
        </Form.Item>
        <Form.Item label="所在地区" name="districtCode" rules={[{ required: true, message: '请选择地区' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={Object.entries(DISTRICTS)
              .filter(([code]) => code !== '370000')
              .map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
          />
        </Form.Item>
        <Form.Item label="单位类型" name="kind" rules={[{ required: true }]}>
          <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface MemberValues {
  citizenId: string;
  role: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Adds a citizen (by their account id) as a member who acts for the organisation. */
export function MemberFormModal({
  organisation,
  onClose,
  onAdded,
}: {
  organisation: Organisation | undefined;
  onClose: () => void;
  onAdded: (member: Member) => void;
}) {
  const { form, busy, submit } = useApiForm<MemberValues, Member>({
    send: organisation
      ? (values) =>
          post<Member>(`/admin/v1/organisations/${encodeURIComponent(organisation.id)}/members`, {
            citizenId: values.citizenId.trim(),
            role: values.role,
          })
      : undefined,
    fieldByApi: { citizenId: 'citizenId', role: 'role', CITIZEN_NOT_FOUND: 'citizenId' },
    messages: { CITIZEN_NOT_FOUND: '没有这个用户', ORGANISATION_DISABLED: '该单位已停用' },
    succeeded: () => `已添加成员`,
    failed: '添加成员失败',
    onSent: onAdded,
  });

  return (
    <FormModal
      title={`添加成员 · ${organisation?.name ?? ''}`}
      okText="添加"
      open={organisation !== undefined}
      width={520}
      form={form}
      busy={busy}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'member' }}>
        <Form.Item
          label="用户 ID"
          name="citizenId"
          extra="成员用自己的小程序账号登录，代表单位提交屋顶光伏、热泵、空调等减排行为"
          rules={[
            { required: true, message: '请输入用户 ID' },
            { pattern: UUID, message: '用户 ID 格式不正确' },
          ]}
        >
          <Input placeholder="0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'manager', label: '管理员（合作方推送的数据记在其名下）' },
              { value: 'member', label: '成员' },
            ]}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
