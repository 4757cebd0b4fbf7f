import type { FlatActionParams } from '@app/methodologies';
import type { MethodologyVersionSeed } from '../seed-types.js';

const NO_PUBLISHED =
  '碳碳星球 (湖北) and 武碳江湖 (武汉) credit this action, but no published per-action figure was found';

interface FlatSeed {
  id: string;
  title: string;
  gramsPerAction: number;
  maxCountPerDay: number;
  verifiedBy: string[];
  derivation: string;
}

const FLAT_ACTIONS: FlatSeed[] = [
  {
    id: 'reusable-bag',
    title: '自带购物袋',
    gramsPerAction: 8,
    maxCountPerDay: 3,
    verifiedBy: ['merchant till (no bag sold)'],
    derivation:
      'one HDPE carrier bag of 4 g not made × 2.0 kgCO2e/kg polyethylene, production only (end of life not counted: conservative) = 8 g',
  },
  {
    id: 'clean-plate',
    title: '光盘行动',
    gramsPerAction: 50,
    maxCountPerDay: 3,
    verifiedBy: ['canteen or restaurant check (plate photographed or weighed)'],
    derivation:
      '20 g of food not wasted per meal × 2.5 kgCO2e/kg (FAO 2013 Food Wastage Footprint: 3.3 GtCO2e for 1.3 Gt of food wasted) = 50 g; 20 g is a low estimate of the leftovers avoided',
  },
  {
    id: 'waste-sorting',
    title: '垃圾分类投放',
    gramsPerAction: 10,
    maxCountPerDay: 2,
    verifiedBy: ['smart sorting bin (identified drop, sorting checked)'],
    derivation:
      '0.1 kg of recyclables kept out of mixed waste per drop × 0.1 kgCO2e/kg, a deliberately low net benefit of recycling over incineration = 10 g',
  },
  {
    id: 'no-disposable-cutlery',
    title: '外卖不要一次性餐具',
    gramsPerAction: 16,
    maxCountPerDay: 3,
    verifiedBy: ['delivery platform order (no-cutlery option)'],
    derivation:
      'one set of disposable PP cutlery and its bag, 8 g, not made × 2.0 kgCO2e/kg plastic, production only = 16 g',
  },
  {
    id: 'parcel-packaging-recycling',
    title: '快递包装回收',
    gramsPerAction: 100,
    maxCountPerDay: 5,
    verifiedBy: ['courier station (box scanned into reuse)'],
    derivation:
      'a 150 g corrugated box reused once instead of a new one × 0.7 kgCO2e/kg corrugated board (low end) = 105 g, rounded down to 100 g',
  },
  {
    id: 'second-hand-trade',
    title: '二手交易',
    gramsPerAction: 500,
    maxCountPerDay: 2,
    verifiedBy: ['second-hand platform order (completed and received)'],
    derivation:
      'a 1 kg item at 2.0 kgCO2e/kg of manufactured goods, of which a second-hand sale is taken to displace only 25 % of a new purchase = 500 g',
  },
];

const paramsOf = (a: FlatSeed): FlatActionParams => ({
  credit: { gramsPerAction: a.gramsPerAction, source: `[D] ${a.derivation}. ${NO_PUBLISHED}`, vintage: 2026 },
  verifiedBy: a.verifiedBy,
  eligibility: { maxCountPerDay: a.maxCountPerDay },
  caps: { perActionG: null, perDayG: a.gramsPerAction * a.maxCountPerDay, perMonthG: null },
  // Only from a partner that verifies the action: a citizen's own claim is not accepted.
  selfReported: { accepted: false, review: false, perDayCapG: null },
});

/** v1 of each flat-credit everyday action, Shandong, from 2026-12-01 CST; every figure [D]. */
export const flatActionsV1: MethodologyVersionSeed[] = FLAT_ACTIONS.map((a) => ({
  methodologyId: a.id,
  title: a.title,
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  regionScope: ['370000'],
  source: `${a.title}: ${a.gramsPerAction} g per verified action [D], at most ${a.maxCountPerDay} a day; partner push only (${a.verifiedBy.join('; ')})`,
  params: paramsOf(a),
}));
