import { describe, expect, it } from '@jest/globals';
import { buildActionData, fieldsOf, initialValues, type InputSchema } from './action-form';
import { FIELD_UI } from './action-fields';

/** The shape the API publishes for ActionData_cycling (zod → JSON schema), date pattern shortened. */
const cycling: InputSchema = {
  properties: {
    startedAt: { type: 'string', format: 'date-time' },
    endedAt: { type: 'string', format: 'date-time' },
    mode: { type: 'string', enum: ['bike', 'ebike'] },
    distanceM: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 1_000_000 },
  },
  required: ['startedAt', 'endedAt', 'mode', 'distanceM'],
};

const clothes: InputSchema = {
  properties: {
    weightG: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 1_000_000 },
    droppedAt: { type: 'string', format: 'date-time' },
    receiptId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$' },
  },
  required: ['weightG', 'droppedAt', 'receiptId'],
};

const pv: InputSchema = {
  properties: {
    periodStart: { type: 'string', format: 'date' },
    greenCertifiedKWh: { type: 'string', default: '0', pattern: '^(0|[1-9]\\d{0,6})(\\.\\d{1,3})?$' },
  },
  required: ['periodStart'],
};

describe('forms generated from the methodology input schemas', () => {
  it('asks in the citizen’s units and sends the schema’s (公里 → m, CST → +08:00)', () => {
    const fields = fieldsOf(cycling, FIELD_UI);
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ['mode', 'choice'],
      ['distanceM', 'number'],
      ['startedAt', 'datetime'],
      ['endedAt', 'datetime'],
    ]);
    const built = buildActionData(fields, {
      startedAt: '2026-11-20 08:00',
      endedAt: '2026-11-20 08:20',
      mode: 'bike',
      distanceM: '5.2',
    });
    expect(built).toEqual({
      data: {
        startedAt: '2026-11-20T08:00:00+08:00',
        endedAt: '2026-11-20T08:20:00+08:00',
        mode: 'bike',
        distanceM: 5200,
      },
    });
  });

  it('starts a trip half an hour ago and ends it now, in CST', () => {
    const now = Date.parse('2026-11-20T00:40:00Z');
    const values = initialValues(fieldsOf(cycling, FIELD_UI), now);
    expect(values).toEqual({
      mode: 'bike',
      distanceM: '',
      startedAt: '2026-11-20 08:10',
      endedAt: '2026-11-20 08:40',
    });
    expect(Object.keys(values)).toEqual(['mode', 'distanceM', 'startedAt', 'endedAt']);
    expect(initialValues(fieldsOf(pv, FIELD_UI), now)).toEqual({
      periodStart: '2026-11-20',
      greenCertifiedKWh: '0',
    });
  });

  it('says in Chinese what is wrong with each field, in the units typed', () => {
    const fields = fieldsOf(cycling, FIELD_UI);
    expect(
      buildActionData(fields, { startedAt: '2026-02-30 08:00', endedAt: '', mode: 'car', distanceM: '0' }),
    ).toEqual({
      errors: {
        startedAt: expect.stringContaining('出发时间请按“年-月-日 时:分”填写'),
        endedAt: '请填写到达时间',
        mode: '请选择车型',
        distanceM: '距离应大于 0 公里',
      },
    });
    expect(
      buildActionData(fields, {
        startedAt: '2026-11-20 08:00',
        endedAt: '2026-11-20 09:00',
        mode: 'bike',
        distanceM: '1001',
      }).errors,
    ).toEqual({
      distanceM: '距离不能超过 1,000 公里',
    });
    expect(
      buildActionData(fields, {
        startedAt: '2026-11-20 08:00',
        endedAt: '2026-11-20 09:00',
        mode: 'bike',
        distanceM: '五',
      }).errors,
    ).toEqual({
      distanceM: '距离请填写数字',
    });
  });

  it('checks receipts against the schema’s pattern and converts 千克 to grams', () => {
    const fields = fieldsOf(clothes, FIELD_UI);
    expect(
      buildActionData(fields, { weightG: '2.5', droppedAt: '2026-11-20 10:00', receiptId: 'RC-0001' }).data,
    ).toEqual({
      weightG: 2500,
      droppedAt: '2026-11-20T10:00:00+08:00',
      receiptId: 'RC-0001',
    });
    expect(
      buildActionData(fields, { weightG: '2.5', droppedAt: '2026-11-20 10:00', receiptId: '小票 1' }).errors,
    ).toEqual({
      receiptId: expect.stringContaining('回收小票编号格式不正确'),
    });
  });

  it('leaves an empty optional field out', () => {
    expect(
      buildActionData(fieldsOf(pv, FIELD_UI), { periodStart: '2026-11-01', greenCertifiedKWh: '' }),
    ).toEqual({
      data: { periodStart: '2026-11-01' },
    });
  });
});
