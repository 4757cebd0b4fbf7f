import { Button, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, patch } from '../api';
import { fromApi, toApi } from '../cst';
import { DISTRICT_LABELS } from '../labels';
import { fieldErrorsOf, useApiFeedback } from './api-feedback';
import { CstDatePicker } from './cst-picker';
import type { MethodologyVersion } from './methodology-types';

interface DraftForm {
  params: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  regionScope: string[];
  source: string;
}

const FORM_FIELDS = ['params', 'effectiveFrom', 'effectiveTo', 'regionScope', 'source'] as const;
type FormField = (typeof FORM_FIELDS)[number];

const districtOptions = Object.entries(DISTRICT_LABELS).map(([code, name]) => ({
  value: code,
  label: `${name}（${code}）`,
}));

/** Which form field an API error belongs to: PARAMS_INVALID names 'params.…', validation names the DTO field. */
function errorsByField(error: ApiError): Partial<Record<FormField, string[]>> {
  const errors: Partial<Record<FormField, string[]>> = {};
  const add = (field: FormField, text: string) => (errors[field] = [...(errors[field] ?? []), text]);
  const factor = (error.details as { factor?: string } | undefined)?.factor;
  for (const { field, problem } of fieldErrorsOf(error)) {
    const head = field.split('.')[0] as FormField;
    add(FORM_FIELDS.includes(head) ? head : 'params', `${field}: ${problem}`);
  }
  if (error.code === 'PARAMS_INVALID' && !errors.params)
    add('params', factor ? `未知排放因子 ${factor}：${error.message}` : error.message);
  if (error.code === 'DISTRICT_UNKNOWN') add('regionScope', error.message);
  if (error.code === 'VALIDATION_FAILED' && /effectiveTo/.test(error.message) && !errors.effectiveTo)
    add('effectiveTo', '失效时间必须晚于生效时间');
  return errors;
}

/** Edits a draft's parameters (JSON), dates, region scope and source; the API checks params against the module's schema. */
export function DraftEditor({
  draft,
  onSaved,
}: {
  draft: MethodologyVersion;
  onSaved: (saved: MethodologyVersion) => void;
}) {
  const feedback = useApiFeedback();
  const [form] = Form.useForm<DraftForm>();
  const [busy, setBusy] = useState(false);

  const save = async (values: DraftForm) => {
    setBusy(true);
    try {
      const saved = await patch<MethodologyVersion>(
        `/admin/v1/methodologies/${draft.methodologyId}/versions/${draft.version}`,
        {
          params: JSON.parse(values.params) as unknown,
          effectiveFrom: toApi(values.effectiveFrom),
          effectiveTo: values.effectiveTo ? toApi(values.effectiveTo) : null,
          regionScope: values.regionScope.length ? values.regionScope : null,
          source: values.source,
        },
      );
      feedback.success('草稿已保存');
      onSaved(saved);
    } catch (error) {
      const byField = error instanceof ApiError ? errorsByField(error) : {};
      form.setFields(Object.entries(byField).map(([name, errors]) => ({ name: name as FormField, errors })));
      feedback.error(
        error,
        '保存失败',
        Object.keys(byField).length ? '未通过校验，见表单中标红的字段' : undefined,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<DraftForm>
      form={form}
      layout="vertical"
      data-testid="draft-editor"
      onFinish={save}
      initialValues={{
        params: JSON.stringify(draft.params, null, 2),
        effectiveFrom: fromApi(draft.effectiveFrom),
        effectiveTo: draft.effectiveTo ? fromApi(draft.effectiveTo) : null,
        regionScope: draft.regionScope ?? [],
        source: draft.source,
      }}
    >
      <Form.Item
        label='参数（JSON；排放因子引用写作 {"$factor": "grid/north-china/2023"}）'
        name="params"
        rules={[
          {
            validator: async (_, text: string) => {
              let value: unknown;
              try {
                value = JSON.parse(text);
              } catch (error) {
                throw new Error(`JSON 格式错误：${(error as Error).message}`, { cause: error });
              }
              if (!value || typeof value !== 'object' || Array.isArray(value))
                throw new Error('参数必须是 JSON 对象');
            },
          },
        ]}
      >
        <Input.TextArea
          data-testid="draft-params"
          rows={18}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      </Form.Item>
      <Form.Item
        label="生效时间（北京时间）"
        name="effectiveFrom"
        rules={[{ required: true, message: '请选择生效时间' }]}
      >
        <CstDatePicker showTime data-testid="draft-effective-from" />
      </Form.Item>
      <Form.Item label="失效时间（北京时间，可空）" name="effectiveTo">
        <CstDatePicker showTime allowClear />
      </Form.Item>
      <Form.Item label="适用范围（空 = 全部地区；市级代码含其下辖区县）" name="regionScope">
        <Select
          mode="multiple"
          allowClear
          options={districtOptions}
          optionFilterProp="label"
          placeholder="全部地区"
        />
      </Form.Item>
      <Form.Item label="依据与来源" name="source" rules={[{ required: true, message: '请填写依据与来源' }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="draft-save">
        保存草稿
      </Button>
    </Form>
  );
}
