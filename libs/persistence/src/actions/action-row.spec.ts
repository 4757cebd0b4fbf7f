import { ActionColumn, actionColumn, actionColumnList, actionColumnsOf, selectAction } from './action-row.js';

describe('the actions row, named once', () => {
  it('gives every field its own column', () => {
    const columns = Object.values(ActionColumn);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('qualifies a column by the query alias, or leaves it bare', () => {
    expect(actionColumn('intervalStart', 'a')).toBe('a.interval_start');
    expect(actionColumn('intervalStart')).toBe('interval_start');
    expect(actionColumnsOf('act').methodologyVersionId).toBe('act.methodology_version_id');
    expect(actionColumnsOf().reasonCode).toBe('reason_code');
  });

  it('selects columns as their field names, so rows come back camelCase', () => {
    expect(selectAction('a', 'id', 'reasonCode', 'intervalEnd')).toBe(
      'a.id AS "id", a.reason_code AS "reasonCode", a.interval_end AS "intervalEnd"',
    );
    expect(selectAction(null, 'citizenId')).toBe('citizen_id AS "citizenId"');
  });

  it('lists columns for an INSERT in the order given', () => {
    expect(actionColumnList('citizenId', 'occurredAt', 'partnerEventId')).toBe(
      'citizen_id, occurred_at, partner_event_id',
    );
  });
});
