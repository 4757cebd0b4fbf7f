import { Descriptions, Form, InputNumber, Switch, Typography } from 'antd';
import { formatCst } from '../cst';
import { FormModal, useApiForm } from './api-form';
import { catalogApi, type Reward } from './catalog-api';
import { groupDigits } from './carbon-units';

interface FormValues {
  stock: number;
  active: boolean;
}

/** Stock and on/off are all the API lets change: a different price or limit is a new reward. */
export function CatalogRewardEditModal({
  reward,
  onClose,
  onSaved,
}: {
  reward: Reward | undefined;
  onClose: () => void;
  onSaved: (reward: Reward) => void;
}) {
  const { form, busy, submit } = useApiForm<FormValues, Reward>({
    send: reward && ((values) => catalogApi.updateReward(reward.rewardId, values)),
    fieldByApi: { stock: 'stock', active: 'active' },
    succeeded: (saved) => `已保存 ${saved.title}`,
    failed: '保存商品失败',
    onSent: onSaved,
    keepValues: true,
  });

  return (
    <FormModal
      title={`编辑商品：${reward?.title ?? ''}`}
      open={Boolean(reward)}
      okText="保存"
      width={560}
      form={form}
      busy={busy}
      onClose={onClose}
    >
      {reward && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'partner', label: '兑换渠道', children: reward.partnerId },
              { key: 'points', label: '价格', children: `${groupDigits(reward.points)} 积分` },
              { key: 'limit', label: '每人限兑', children: `${reward.perCitizenLimit} 件` },
              {
                key: 'validity',
                label: '有效期',
                children: `${formatCst(reward.validFrom)} 至 ${formatCst(reward.validTo)}`,
              },
            ]}
          />
          <Typography.Paragraph type="secondary">
            价格、每人限兑和有效期创建后不可修改；如需调整，请下架本商品并新建一个。
          </Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ stock: reward.stock, active: reward.active }}
          >
            <Form.Item label="库存" name="stock" rules={[{ required: true, message: '请输入库存' }]}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              label="上架"
              name="active"
              valuePropName="checked"
              extra="下架后市民不能再兑换；已有订单不受影响"
            >
              <Switch checkedChildren="上架" unCheckedChildren="下架" />
            </Form.Item>
          </Form>
        </>
      )}
    </FormModal>
  );
}
