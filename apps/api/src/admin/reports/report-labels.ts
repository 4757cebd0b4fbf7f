import type { DayRange } from './dto/report-query.dto.js';

/** What every figure counts by; said in the API description and on the console's report page. */
export const DATE_BASIS =
  'Reductions count by the date the action occurred (China time); points flows count by the date they were ' +
  'posted (settlement). A late approval therefore adds to the month the action occurred in.';

/** A range in a Chinese file name: 2026-11-01至2026-11-30. */
export const span = (range: DayRange) => `${range.from}至${range.to}`;
