import { Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { toApi } from '../cst';
import { FormModal, useApiForm } from './api-form';
import { endAfterStart, TimeRangePicker } from './time-range';
import { catalogApi, type Reward } from './catalog-api';
import { partnersApi } from './partner-api';
import { useRemote } from './use-remote';

interface FormValues {
  partnerId: string;
  title: string;
  points: string;
  stock: number;
  perCitizenLimit: number;
  validity: [Dayjs, Dayjs];
}

/** Where the API's answer belongs in this form: its DTO fields, and domain codes about one field. */
const FIELD_BY_API: Partial<Record<string, keyof FormValues>> = {
  partnerId: 'partnerId',
  title: 'title',
  points: 'points',
  stock: 'stock',
  perCitizenLimit: 'perCitizenLimit',
  validFrom: 'validity',
  validTo: 'validity',
  PARTNER_NOT_FOUND: 'partnerId',
  REDEMPTION_NOT_ALLOWED: 'partnerId',
  VALIDATION_FAILED: 'validity',
};

const redemptionChannels = async () => (await partnersApi.list()).filter((p) => p.mayRedeem && !p.disabledAt);

export function CatalogRewardFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (reward: Reward) => void;
}) {
  const channels = useRemote(redemptionChannels, open ? 'open' : 'closed');
  const { form, busy, submit } = useApiForm<FormValues, Reward>({
    send: (values) =>
      catalogApi.createReward({
        partnerId: values.partnerId,
        title: values.title.trim(),
        points: values.points.trim(),
        stock: values.stock,
        perCitizenLimit: values.perCitizenLimit,
        validFrom: toApi(values.validity[0]),
        validTo: toApi(values.validity[1]),
      }),
    fieldByApi: FIELD_BY_API,
    messages: {
      PARTNER_NOT_FOUND: '合作方不存在',
      REDEMPTION_NOT_ALLOWED: '该合作方未开通积分兑换',
      VALIDATION_FAILED: '结束时间必须晚于开始时间',
    },
    succeeded: (created) => `已上架商品 ${created.title}`,
    failed: '创建商品失败',
    onSent: onCreated,
  });

  return (
    <FormModal title="新建商品" open={open} width={560} form={form} busy={busy} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ stock: 100, perCitizenLimit: 1 }}
      >
        <Form.Item
          label="兑换渠道"
          name="partnerId"
          extra="只有允许积分兑换的合作方可以上架商品"
          rules={[{ required: true, message: '请选择兑换渠道' }]}
        >
          <Select
            loading={channels.loading}
            placeholder="选择合作方"
            options={(channels.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.displayName}（${p.id}）`,
            }))}
            notFoundContent="没有允许兑换的合作方"
          />
        </Form.Item>
        <Form.Item
          label="商品名称"
          name="title"
          rules={[
            { required: true, whitespace: true, message: '请输入商品名称' },
            { max: 200, message: '最多 200 个字' },
          ]}
        >
          <Input placeholder="地铁单程票" />
        </Form.Item>
        <Form.Item
          label="价格（积分）"
          name="points"
          extra="创建后不可修改"
          rules={[
            { required: true, message: '请输入价格' },
            { pattern: /^[1-9]\d{0,15}$/, message: '请输入正整数（最多 16 位）' },
          ]}
        >
          <Input suffix="积分" placeholder="500" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="库存" name="stock" rules={[{ required: true, message: '请输入库存' }]}>
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          label="每人限兑"
          name="perCitizenLimit"
          extra="创建后不可修改"
          rules={[{ required: true, message: '请输入每人限兑数量' }]}
        >
          <InputNumber min={1} max={1000} precision={0} suffix="件" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          label="有效期"
          name="validity"
          extra="北京时间"
          rules={[{ required: true, message: '请选择有效期' }, endAfterStart]}
        >
          <TimeRangePicker />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
