import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { typed, unwrap, type Schema } from '../../api';
import { FormModal, useApiForm } from '../api-form';

type Inventory = Schema<'InventoryDto'>;
type LineInput = Schema<'InventoryLineInputDto'>;

interface CorrectionValues {
  lines: LineInput[];
  note: string;
}

export const SCOPE_LABELS: Record<number, string> = {
  1: '范围一（直接排放）',
  2: '范围二（外购能源）',
  3: '范围三（其他间接）',
};

/** As the API takes them: up to 12 digits, at most 6 decimals. */
const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
const MAX_LINES = 200;

const decimalRules = (what: string) => [
  { required: true, whitespace: true, message: `请输入${what}` },
  { pattern: DECIMAL, message: '应为数字，最多 6 位小数' },
];
const textRules = (what: string, max: number) => [
  { required: true, whitespace: true, message: `请输入${what}` },
  { max, message: `最多 ${max} 个字` },
];

/**
 * Corrects a year's inventory: the full lines of the new revision (they start as the latest ones)
 * and why. The earlier revision stays on record; the year's figures and statement follow the new one.
 */
export function InventoryCorrectionModal({
  organisationId,
  inventory,
  onClose,
  onCorrected,
}: {
  organisationId: string;
  /** The year being corrected; undefined while the modal is closed. */
  inventory: Inventory | undefined;
  onClose: () => void;
  onCorrected: (corrected: Inventory) => void;
}) {
  const { form, busy, submit } = useApiForm<CorrectionValues, Inventory>({
    send: inventory
      ? (values) =>
          unwrap(
            typed.POST('/admin/v1/organisations/{id}/inventories/{year}/revisions', {
              params: { path: { id: organisationId, year: inventory.year } },
              body: {
                note: values.note.trim(),
                lines: values.lines.map((line) => ({
                  scope: line.scope,
                  source: line.source.trim(),
                  activity: line.activity.trim(),
                  activityUnit: line.activityUnit.trim(),
                  factor: line.factor.trim(),
                  factorSource: line.factorSource.trim(),
                })),
              },
            }),
          )
      : undefined,
    fieldByApi: { note: 'note', lines: 'lines' },
    succeeded: (corrected) => `已提交 ${corrected.year} 年度排放清单第 ${corrected.revision} 版`,
    failed: '提交更正失败',
    onSent: onCorrected,
  });

  const initialLines: LineInput[] = (inventory?.lines ?? []).map((line) => ({
    scope: line.scope,
    source: line.source,
    activity: line.activity,
    activityUnit: line.activityUnit,
    factor: line.factor,
    factorSource: line.factorSource,
  }));

  return (
    <FormModal
      title={`更正 ${inventory?.year ?? ''} 年度排放清单`}
      okText="提交更正"
      open={inventory !== undefined}
      width={760}
      form={form}
      busy={busy}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ lines: initialLines, note: '' }}
        data-testid="correction-form"
      >
        <Form.List
          name="lines"
          rules={[
            {
              validator: async (_, lines: unknown[] | undefined) => {
                if (!lines?.length) throw new Error('至少需要一条排放源');
                if (lines.length > MAX_LINES) throw new Error(`最多 ${MAX_LINES} 条排放源`);
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`排放源 ${index + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={
                    <Button
                      size="small"
                      danger
                      onClick={() => remove(field.name)}
                      data-testid={`line-remove-${index}`}
                    >
                      删除此条
                    </Button>
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        label="范围"
                        name={[field.name, 'scope']}
                        rules={[{ required: true, message: '请选择范围' }]}
                      >
                        <Select
                          options={Object.entries(SCOPE_LABELS).map(([value, label]) => ({
                            value: Number(value),
                            label,
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        label="排放源"
                        name={[field.name, 'source']}
                        rules={textRules('排放源', 200)}
                      >
                        <Input data-testid={`line-source-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item
                        label="活动量"
                        name={[field.name, 'activity']}
                        rules={decimalRules('活动量')}
                      >
                        <Input inputMode="decimal" data-testid={`line-activity-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item
                        label="活动量单位"
                        name={[field.name, 'activityUnit']}
                        rules={textRules('单位', 32)}
                      >
                        <Input data-testid={`line-unit-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        label="排放因子（克二氧化碳当量/单位）"
                        name={[field.name, 'factor']}
                        rules={decimalRules('排放因子')}
                      >
                        <Input inputMode="decimal" data-testid={`line-factor-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item
                        label="因子来源"
                        name={[field.name, 'factorSource']}
                        rules={textRules('因子来源', 500)}
                      >
                        <Input data-testid={`line-factor-source-${index}`} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                onClick={() =>
                  add({ scope: 1, source: '', activity: '', activityUnit: '', factor: '', factorSource: '' })
                }
                disabled={fields.length >= MAX_LINES}
                style={{ marginBottom: 16 }}
                data-testid="line-add"
              >
                添加排放源
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          label="更正说明"
          name="note"
          extra="说明为何更正，例如补录遗漏的排放源；原版本保留"
          rules={textRules('更正说明', 500)}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="correction-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
