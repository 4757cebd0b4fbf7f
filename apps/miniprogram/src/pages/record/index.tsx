import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { methodologyNameZh } from '../../../../../libs/contracts/src/messages-zh';
import { api, newIdempotencyKey } from '../../api';
import { ACTION_SCHEMAS } from '../../api/generated/action-schemas';
import { useAction } from '../../api/hooks';
import { pollUntil } from '../../api/resource';
import type { Schemas } from '../../api/types';
import { Btn, Card, Choice, Field, Notice } from '../../components/ui';
import { Page, go } from '../../components/page';
import { WhenField } from '../../components/when-field';
import { FIELD_UI, METHODOLOGY_ORDER, PARTNER_PUSHED, REVIEWED } from '../../lib/action-fields';
import { buildActionData, fieldsOf, initialValues, type InputSchema } from '../../lib/action-form';
import { requireSession } from '../../lib/session';
import { ActionResult } from './action-result';

type Methodology = keyof typeof ACTION_SCHEMAS;
type ActionView = Schemas['ActionViewDto'];

const ALL = [
  ...METHODOLOGY_ORDER,
  ...(Object.keys(ACTION_SCHEMAS) as Methodology[]).filter((id) => !METHODOLOGY_ORDER.includes(id)),
];
const FINAL = new Set(['settled', 'rejected', 'review']);

function MethodologyForm({ methodology }: { methodology: Methodology }) {
  const fields = useMemo(() => fieldsOf(ACTION_SCHEMAS[methodology] as InputSchema, FIELD_UI), [methodology]);
  const [values, setValues] = useState(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ActionView>();
  const [key, setKey] = useState(newIdempotencyKey);
  const { run, pending, error } = useAction();

  const submit = () =>
    run(async () => {
      setResult(undefined);
      const built = buildActionData(fields, values);
      setErrors(built.errors ?? {});
      if (!built.data) return;
      const receipt = methodology === 'clothes-recycling' ? String(built.data.receiptId) : undefined;
      const accepted = await api.post('/v1/actions', {
        headers: { 'Idempotency-Key': key },
        body: {
          methodology,
          data: built.data as Schemas['SubmitActionDto']['data'],
          ...(receipt ? { evidence: { kind: 'receipt', reference: receipt } } : {}),
        },
      });
      setKey(newIdempotencyKey());
      const read = () => api.get('/v1/me/actions/{id}', { path: { id: accepted.id } });
      const { value } = await pollUntil(read, (action) => FINAL.has(action.status), {
        intervalMs: 1000,
        timeoutMs: 20_000,
        onValue: setResult,
      });
      setResult(value);
    });

  return (
    <Card title={`记录${methodologyNameZh(methodology)}`} testId={`form-${methodology}`}>
      {PARTNER_PUSHED.has(methodology) ? (
        <View className="info">
          这类减排一般由合作方（电网公司、安装或销售企业）直接推送，无需手动填写。若自行申报，需上传凭证并经工作人员审核后才计入。
        </View>
      ) : REVIEWED.has(methodology) ? (
        <View className="info">请填写回收小票上的编号和重量，经工作人员审核后计入。</View>
      ) : null}
      {methodology === 'walking' ? (
        <View className="info">
          推荐在“微信运动”中一键同步步数。{' '}
          <Text className="tag" onClick={() => go('/pages/werun/index')}>
            去同步
          </Text>
        </View>
      ) : null}
      {fields.map((field) =>
        field.kind === 'choice' ? (
          <Choice
            key={field.name}
            label={field.ui.label}
            value={values[field.name] ?? ''}
            options={(field.schema.enum ?? []).map((value) => ({
              value,
              label: field.ui.options?.[value] ?? value,
            }))}
            onChange={(value) => setValues({ ...values, [field.name]: value })}
          />
        ) : field.kind === 'datetime' || field.kind === 'date' ? (
          <WhenField
            key={field.name}
            id={`${methodology}-${field.name}`}
            label={field.ui.label}
            value={values[field.name] ?? ''}
            withTime={field.kind === 'datetime'}
            hint={field.ui.hint}
            error={errors[field.name]}
            onInput={(value) => setValues({ ...values, [field.name]: value })}
          />
        ) : (
          <Field
            key={field.name}
            id={`${methodology}-${field.name}`}
            label={`${field.ui.label}${field.ui.unit ? `（${field.ui.unit}）` : ''}${field.required ? '' : '（选填）'}`}
            value={values[field.name] ?? ''}
            type={field.kind === 'number' ? 'digit' : 'text'}
            hint={field.ui.hint}
            error={errors[field.name]}
            onInput={(value) => setValues({ ...values, [field.name]: value })}
          />
        ),
      )}
      <Notice error={error} />
      {result ? <ActionResult action={result} /> : null}
      <Btn onClick={() => void submit()} disabled={pending} testId="submit-action">
        {pending ? '提交中…' : '提交'}
      </Btn>
    </Card>
  );
}

/** 记录低碳行为: one form per methodology, built from the input schemas the API publishes. */
export default function Record() {
  requireSession();
  const [methodology, setMethodology] = useState<Methodology>('cycling');
  return (
    <Page title="记录低碳行为" tab="/pages/record/index">
      <Choice
        label="选择行为"
        value={methodology}
        options={ALL.map((id) => ({ value: id, label: methodologyNameZh(id) }))}
        onChange={(id) => setMethodology(id)}
      />
      <MethodologyForm key={methodology} methodology={methodology} />
    </Page>
  );
}
