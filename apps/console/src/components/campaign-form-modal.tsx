import { Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { post } from '../api';
import { toApi } from '../cst';
import { DISTRICTS } from '../districts';
import { METHODOLOGY_LABELS } from '../labels';
import { FormModal, useApiForm } from './api-form';
import { endAfterStart, TimeRangePicker } from './time-range';
import type { Schema } from '../api';

type Campaign = Schema<'CampaignDto'>;

export type { Campaign };

interface FormValues {
  name: string;
  regionScope?: string[];
  methodologies?: string[];
  period: [Dayjs, Dayjs];
  multiplier: string;
}

/** The API's bound, to three decimals (the column is numeric(6,3)). */
const MULTIPLIER = /^(10(\.0{1,3})?|[1-9](\.\d{1,3})?)$/;

/** Where the API's answer belongs in this form: its DTO fields, and domain codes about one field. */
const FIELD_BY_API: Partial<Record<string, keyof FormValues>> = {
  name: 'name',
  regionScope: 'regionScope',
  methodologies: 'methodologies',
  startsAt: 'period',
  endsAt: 'period',
  multiplier: 'multiplier',
  DISTRICT_UNKNOWN: 'regionScope',
  METHODOLOGY_UNKNOWN: 'methodologies',
  VALIDATION_FAILED: 'period',
};

export function CampaignFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (campaign: Campaign) => void;
}) {
  const { form, busy, submit } = useApiForm<FormValues, Campaign>({
    send: (values) =>
      post<Campaign>('/admin/v1/campaigns', {
        name: values.name.trim(),
        ...(values.regionScope?.length ? { regionScope: values.regionScope } : {}),
        ...(values.methodologies?.length ? { methodologies: values.methodologies } : {}),
        startsAt: toApi(values.period[0]),
        endsAt: toApi(values.period[1]),
        multiplier: String(values.multiplier),
      }),
    fieldByApi: FIELD_BY_API,
    messages: {
      DISTRICT_UNKNOWN: '含有平台不认识的地区代码',
      METHODOLOGY_UNKNOWN: '含有平台不认识的方法学',
      VALIDATION_FAILED: '结束时间必须晚于开始时间',
    },
    succeeded: (created) => `已创建活动 ${created.name}`,
    failed: '创建活动失败',
    onSent: onCreated,
  });

  return (
    <FormModal title="新建活动" open={open} width={600} form={form} busy={busy} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ multiplier: '2' }}>
        <Form.Item
          label="活动名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入活动名称' },
            { max: 200, message: '最多 200 个字' },
          ]}
        >
          <Input placeholder="全国低碳日 · 济南" />
        </Form.Item>
        <Form.Item label="适用地区" name="regionScope" extra="不选则全省适用；选择地市即包含其下所有区县">
          <Select
            mode="multiple"
            allowClear
            placeholder="全省"
            optionFilterProp="label"
            options={Object.entries(DISTRICTS).map(([value, label]) => ({
              value,
              label: `${label}（${value}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label="适用方法学" name="methodologies" extra="不选则所有方法学适用">
          <Select
            mode="multiple"
            allowClear
            placeholder="所有方法学"
            optionFilterProp="label"
            options={Object.entries(METHODOLOGY_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          label="活动时间"
          name="period"
          extra="按行为发生时间判断（北京时间）"
          rules={[{ required: true, message: '请选择开始和结束时间' }, endAfterStart]}
        >
          <TimeRangePicker />
        </Form.Item>
        <Form.Item
          label="积分倍数"
          name="multiplier"
          extra="1–10 倍，最多 3 位小数；同一行为只取最高倍数的活动，不叠加"
          rules={[
            { required: true, message: '请输入倍数' },
            { pattern: MULTIPLIER, message: '倍数须在 1 到 10 之间，最多 3 位小数' },
          ]}
        >
          <InputNumber<string> stringMode min="1" max="10" step="0.5" prefix="×" style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
