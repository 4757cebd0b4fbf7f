/**
 * A typical input per methodology, for "how much would this save you" nudges: quantified with the
 * version in force for the citizen (the admin dry-run logic), never stored. Data, not rules: a
 * methodology without an entry here gets no estimate.
 */
const HOUR = 3_600_000;

function tripEndingAgo(now: Date, minutes: number) {
  const start = new Date(now.getTime() - 2 * HOUR);
  return {
    startedAt: start.toISOString(),
    endedAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
  };
}

export function typicalInput(
  methodology: string,
  now: Date,
): { description: string; data: unknown } | undefined {
  switch (methodology) {
    case 'cycling':
      return {
        description: 'a 5 km bike ride',
        data: { mode: 'bike', distanceM: 5000, ...tripEndingAgo(now, 20) },
      };
    case 'bus':
      return { description: 'a 10 km bus ride', data: { distanceM: 10_000, ...tripEndingAgo(now, 30) } };
    case 'metro':
      return { description: 'a 10 km metro ride', data: { distanceM: 10_000, ...tripEndingAgo(now, 20) } };
    case 'walking':
      return {
        description: 'a day of 10,000 steps',
        data: { date: new Date(now.getTime() - 24 * HOUR).toISOString().slice(0, 10), steps: 10_000 },
      };
    case 'carpool':
      return {
        description: 'a 10 km car-pool with three people',
        data: { distanceM: 10_000, detourM: 0, occupants: 3, ...tripEndingAgo(now, 20) },
      };
    case 'clothes-recycling':
      return {
        description: 'dropping off 2 kg of old clothes',
        data: {
          weightG: 2000,
          droppedAt: new Date(now.getTime() - 2 * HOUR).toISOString(),
          receiptId: 'TYPICAL',
        },
      };
    case 'rooftop-pv':
      return {
        description: 'a month of a 10 kW rooftop PV system (1,000 kWh)',
        data: {
          meterSerial: 'TYPICAL',
          periodStart: '2025-06-01',
          periodEnd: '2025-06-30',
          meteredKWh: '1000',
          installedKW: '10',
        },
      };
    case 'heat-pump':
      return {
        description: 'a winter month of an air-source heat pump (1,000 kWh)',
        data: {
          deviceSerial: 'TYPICAL',
          periodStart: '2025-01-01',
          periodEnd: '2025-01-31',
          consumedKWh: '1000',
        },
      };
    case 'efficient-ac':
      return {
        description: 'a year of a grade-1 3.5 kW air conditioner instead of a grade-3 one',
        data: {
          unitSerial: 'TYPICAL',
          invoiceId: 'TYPICAL',
          purchasedOn: '2025-07-01',
          creditYear: 2025,
          coolingCapacityW: 3500,
          labelledAnnualKWh: '800',
        },
      };
    default:
      return undefined;
  }
}
