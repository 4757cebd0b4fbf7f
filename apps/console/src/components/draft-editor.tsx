import { Alert, Button, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, typed, unwrap } from '../api';
import { fromApi, toApi } from '../cst';
import { DISTRICT_LABELS } from '../labels';
import { fieldErrorsOf, useApiFeedback } from './api-feedback';
import { CstDatePicker } from './cst-picker';
import type { MethodologyVersion } from './methodology-types';
import { ParamsFields } from './params-form';
import { leaves, type SchemaNode } from './params-schema';

interface DraftForm {
  params: Record<string, unknown>;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  regionScope: string[];
  source: string;
}

const TOP_FIELDS = ['effectiveFrom', 'effectiveTo', 'regionScope', 'source'];

const districtOptions = Object.entries(DISTRICT_LABELS).map(([code, name]) => ({
  value: code,
  label: `${name}（${code}）`,
}));

/** The form name of an API field path: 'params.eligibility.bands.0.annualKWh' → ['params', …, 0, …]. */
const formName = (field: string) =>
  field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * Edits a draft: its parameters as a form built from the module's schema (Chinese labels from the
 * API), dates, region scope and source. The API checks the parameters; each problem it names is put
 * beside its field and listed above the form with the field's Chinese name.
 */
export function DraftEditor({
  draft,
  schema,
  onSaved,
}: {
  draft: MethodologyVersion;
  schema: SchemaNode;
  onSaved: (saved: MethodologyVersion) => void;
}) {
  const feedback = useApiFeedback();
  const [form] = Form.useForm<DraftForm>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const labels = new Map(leaves(draft.params, schema).map((leaf) => [`params.${leaf.path}`, leaf.label]));

  const save = async (values: DraftForm) => {
    setBusy(true);
    setProblems([]);
    try {
      const saved = await unwrap(
        typed.PATCH('/admin/v1/methodologies/{id}/versions/{version}', {
          params: { path: { id: draft.methodologyId, version: draft.version } },
          body: {
            params: values.params,
            effectiveFrom: toApi(values.effectiveFrom),
            effectiveTo: values.effectiveTo ? toApi(values.effectiveTo) : null,
            regionScope: values.regionScope.length ? values.regionScope : null,
            source: values.source,
          },
        }),
      );
      feedback.success('草稿已保存');
      onSaved(saved);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      form.setFields(
        fields
          .filter((f) => f.field.startsWith('params.') || TOP_FIELDS.includes(f.field))
          .map((f) => ({ name: formName(f.field) as never, errors: [f.problem] })),
      );
      if (error instanceof ApiError && error.code === 'DISTRICT_UNKNOWN')
        form.setFields([{ name: 'regionScope', errors: ['请选择山东省内的区县'] }]);
      if (
        error instanceof ApiError &&
        error.code === 'VALIDATION_FAILED' &&
        /effectiveTo/.test(error.message)
      )
        form.setFields([{ name: 'effectiveTo', errors: ['失效时间必须晚于生效时间'] }]);
      setProblems(fields.map((f) => `${labels.get(f.field) ?? '参数'}：${f.problem}`));
      feedback.error(error, '保存失败', fields.length ? '未通过校验，见表单中标红的字段' : undefined);
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
        params: draft.params,
        effectiveFrom: fromApi(draft.effectiveFrom),
        effectiveTo: draft.effectiveTo ? fromApi(draft.effectiveTo) : null,
        regionScope: draft.regionScope ?? [],
        source: draft.source,
      }}
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          data-testid="draft-problems"
          style={{ marginBottom: 16 }}
          title="参数未通过校验"
          description={
            <ul style={{ margin: 0 }}>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          }
        />
      )}
      <ParamsFields node={schema} stored={draft.params} name={['params']} path={[]} />
      <Form.Item
        label="生效时间（北京时间）"
        name="effectiveFrom"
        rules={[{ required: true, message: '请选择生效时间' }]}
      >
        <CstDatePicker showTime data-testid="draft-effective-from" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="失效时间（北京时间，可空）" name="effectiveTo">
        <CstDatePicker showTime allowClear style={{ width: '100%' }} />
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
        <Input.TextArea rows={2} maxLength={1000} data-testid="draft-source" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="draft-save">
        保存草稿
      </Button>
    </Form>
  );
}
