import { Alert, App, Button, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { post } from '../api';
import { districtLabel } from '../labels';
import { useApiFeedback } from './api-feedback';
import { formatMass, groupDigits, MASS_UNIT_LABELS, parseMassToGrams, type MassUnit } from './carbon-units';
import { newIdempotencyKey, type PoolView, type RetirementView } from './pool-types';

/** '1 吨（1,000,000 克）', '100 克': the best unit, and the exact grams when that unit is not 克. */
const massWithGrams = (grams: bigint | string) => {
  const mass = formatMass(grams, 6);
  return mass.endsWith(' 克') ? mass : `${mass}（${groupDigits(grams)} 克）`;
};

interface RetireValues {
  region?: string;
  amount?: string;
  unit: MassUnit;
  purpose?: string;
  beneficiary?: string;
}

/**
 * Retires (注销) an amount from a region's pool. One Idempotency-Key belongs to one filled-in form:
 * a double click or a retry after a lost answer sends the same key and retires once; changing any
 * value, or a successful retirement, starts a new key.
 */
export function RetireForm({
  pools,
  region,
  onRetired,
}: {
  pools: PoolView[];
  region?: string;
  onRetired: (retirement: RetirementView) => void;
}) {
  const feedback = useApiFeedback();
  const [form] = Form.useForm<RetireValues>();
  const key = useRef(newIdempotencyKey());
  const { modal } = App.useApp();
  // Set synchronously: the two clicks of a double click both pass validation before any state renders.
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RetirementView>();
  const values = Form.useWatch([], form) as RetireValues | undefined;

  useEffect(() => {
    if (region) {
      form.setFieldValue('region', region);
      key.current = newIdempotencyKey();
    }
  }, [region, form]);

  const available = (code?: string) => BigInt(pools.find((p) => p.region === code)?.availableGrams ?? '0');
  const parsed = values?.amount ? parseMassToGrams(values.amount, values.unit ?? 'kg') : undefined;

  const retire = async (regionCode: string, grams: bigint, submitted: RetireValues) => {
    setBusy(true);
    try {
      const retirement = await post<RetirementView>(
        `/admin/v1/pools/${regionCode}/retirements`,
        {
          grams: grams.toString(),
          purpose: submitted.purpose!.trim(),
          beneficiary: submitted.beneficiary?.trim() || undefined,
        },
        key.current,
      );
      key.current = newIdempotencyKey();
      setDone(retirement);
      form.resetFields(['amount', 'purpose', 'beneficiary']);
      feedback.success(`已注销 ${formatMass(retirement.grams, 6)}，证明编号 ${retirement.serial}`);
      onRetired(retirement);
    } catch (error) {
      // The key is kept: retrying the same request cannot retire twice.
      feedback.error(error, '注销失败');
    } finally {
      setBusy(false);
    }
  };

  /** Retirement cannot be undone, so it is confirmed first; one confirmation at a time. */
  const submit = (submitted: RetireValues) => {
    const amount = parseMassToGrams(submitted.amount ?? '', submitted.unit);
    const regionCode = submitted.region;
    if (!('grams' in amount) || !regionCode || inFlight.current) return;
    inFlight.current = true;
    modal.confirm({
      title: '确认注销？注销后不可撤销',
      content: (
        <div data-testid="retire-confirm">
          {districtLabel(regionCode)}（{regionCode}）减排量池注销 {massWithGrams(amount.grams)}，用途：
          {submitted.purpose}
        </div>
      ),
      okText: '确认注销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => retire(regionCode, amount.grams, submitted),
      afterClose: () => (inFlight.current = false),
    });
  };

  return (
    <Form<RetireValues>
      form={form}
      layout="vertical"
      data-testid="retire-form"
      initialValues={{ unit: 'kg' }}
      onValuesChange={() => (key.current = newIdempotencyKey())}
      onFinish={submit}
    >
      {done && (
        <Alert
          type="success"
          data-testid="retire-success"
          style={{ marginBottom: 16 }}
          title={
            <span>
              已注销 {massWithGrams(done.grams)}，编号{' '}
              <a href={`#/pools/retirements/${done.serial}`}>{done.serial}</a>
            </span>
          }
        />
      )}
      <Form.Item label="减排量池" name="region" rules={[{ required: true, message: '请选择减排量池' }]}>
        <Select
          data-testid="retire-region"
          options={pools.map((p) => ({
            value: p.region,
            label: `${p.name ?? districtLabel(p.region)}（可注销 ${formatMass(p.availableGrams, 6)}）`,
            disabled: BigInt(p.availableGrams) <= 0n,
          }))}
        />
      </Form.Item>
      <Form.Item label="注销数量" required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="amount"
            noStyle
            rules={[
              { required: true, message: '请输入数量' },
              {
                validator: async (_, text: string) => {
                  if (!text) return;
                  const result = parseMassToGrams(text, form.getFieldValue('unit') as MassUnit);
                  if ('error' in result) throw new Error(result.error);
                  const limit = available(form.getFieldValue('region') as string | undefined);
                  if (result.grams > limit) throw new Error(`超过可注销量（${massWithGrams(limit)}）`);
                },
              },
            ]}
          >
            <Input data-testid="retire-amount" placeholder="例如 1.5" />
          </Form.Item>
          <Form.Item name="unit" noStyle>
            <Select<MassUnit>
              style={{ width: 90 }}
              aria-label="注销数量的单位"
              data-testid="retire-unit"
              options={(['kg', 't'] as const).map((unit) => ({ value: unit, label: MASS_UNIT_LABELS[unit] }))}
              onChange={() => void form.validateFields(['amount']).catch(() => undefined)}
            />
          </Form.Item>
        </Space.Compact>
        <Typography.Text type="secondary" data-testid="retire-grams-preview">
          {parsed && 'grams' in parsed
            ? `= ${groupDigits(parsed.grams)} 克`
            : '按整克注销：1 千克 = 1,000 克，1 吨 = 1,000,000 克'}
        </Typography.Text>
      </Form.Item>
      <Form.Item
        label="注销用途"
        name="purpose"
        rules={[{ required: true, whitespace: true, message: '请填写注销用途' }, { max: 500 }]}
      >
        <Input data-testid="retire-purpose" placeholder="例如：2026 全国低碳日 济南主会场碳中和" />
      </Form.Item>
      <Form.Item label="受益方（可选）" name="beneficiary" rules={[{ max: 200 }]}>
        <Input data-testid="retire-beneficiary" placeholder="例如：济南市生态环境局" />
      </Form.Item>
      <Button type="primary" danger htmlType="submit" loading={busy} data-testid="retire-submit">
        注销
      </Button>
    </Form>
  );
}
