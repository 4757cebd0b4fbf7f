import { Checkbox, Form, Input, Select, Switch } from 'antd';
import { METHODOLOGY_LABELS } from '../labels';
import { FormModal, useApiForm } from './api-form';
import { PARTNER_KIND_LABELS, partnersApi, type NewPartner, type Partner } from './partner-api';

type FormValues = NewPartner;

/** Where the API's answer belongs in this form: its DTO fields, and domain codes about one field. */
const FIELD_BY_API: Partial<Record<string, keyof FormValues>> = {
  id: 'id',
  displayName: 'displayName',
  kinds: 'kinds',
  methodologies: 'methodologies',
  mayRedeem: 'mayRedeem',
  webhookUrl: 'webhookUrl',
  PARTNER_EXISTS: 'id',
  METHODOLOGY_UNKNOWN: 'methodologies',
};

export function PartnerFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (partner: Partner) => void;
}) {
  const { form, busy, submit } = useApiForm<FormValues, Partner>({
    send: (values) =>
      partnersApi.create({
        id: values.id.trim(),
        displayName: values.displayName.trim(),
        kinds: values.kinds,
        methodologies: values.methodologies ?? [],
        mayRedeem: values.mayRedeem ?? false,
        ...(values.webhookUrl?.trim() ? { webhookUrl: values.webhookUrl.trim() } : {}),
      }),
    fieldByApi: FIELD_BY_API,
    messages: {
      PARTNER_EXISTS: '该标识已被其他合作方使用',
      METHODOLOGY_UNKNOWN: '含有平台不认识的方法学',
    },
    succeeded: (created) => `已创建合作方 ${created.displayName}`,
    failed: '创建合作方失败',
    onSent: onCreated,
  });

  return (
    <FormModal title="新建合作方" open={open} width={560} form={form} busy={busy} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kinds: ['data-provider'], mayRedeem: false }}
      >
        <Form.Item
          label="标识（id）"
          name="id"
          extra="小写字母开头，可含小写字母、数字和连字符，创建后不可修改，例如 hellobike"
          rules={[
            { required: true, message: '请输入标识' },
            { pattern: /^[a-z][a-z0-9-]{1,63}$/, message: '2–64 位：小写字母开头，只含小写字母、数字和 -' },
          ]}
        >
          <Input placeholder="hellobike" />
        </Form.Item>
        <Form.Item
          label="名称"
          name="displayName"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { max: 200, message: '最多 200 个字' },
          ]}
        >
          <Input placeholder="哈啰出行" />
        </Form.Item>
        <Form.Item
          label="类型"
          name="kinds"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种类型' }]}
        >
          <Checkbox.Group
            options={Object.entries(PARTNER_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          label="可推送的方法学"
          name="methodologies"
          extra="数据提供方可代市民上报这些方法学的减排行为"
        >
          <Select
            mode="multiple"
            allowClear
            placeholder="选择方法学"
            options={Object.entries(METHODOLOGY_LABELS).map(([value, label]) => ({
              value,
              label: `${label}（${value}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label="允许积分兑换"
          name="mayRedeem"
          valuePropName="checked"
          extra="兑换渠道可上架商品，市民用积分兑换"
        >
          <Switch checkedChildren="允许" unCheckedChildren="不允许" />
        </Form.Item>
        <Form.Item
          label="推送地址"
          name="webhookUrl"
          extra="订单事件将签名后推送到此地址（可选）"
          rules={[{ type: 'url', message: '请输入完整的 http(s) 地址' }]}
        >
          <Input placeholder="https://partner.example.com/carbon/webhook" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
