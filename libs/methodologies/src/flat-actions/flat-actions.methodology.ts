import { flatActionMethodology } from './flat-action.js';

/** 自带购物袋: a shopping trip with one's own bag, from the merchant's till. */
export const reusableBag = flatActionMethodology('reusable-bag', '自带购物袋 (own shopping bag)');
/** 光盘行动: a meal finished, from the canteen's or restaurant's check. */
export const cleanPlate = flatActionMethodology('clean-plate', '光盘行动 (clean plate)');
/** 垃圾分类投放: a correctly sorted drop, from the smart bin. */
export const wasteSorting = flatActionMethodology('waste-sorting', '垃圾分类投放 (sorted waste drop)');
/** 外卖不要一次性餐具: a delivery order without disposable cutlery, from the platform's order. */
export const noDisposableCutlery = flatActionMethodology(
  'no-disposable-cutlery',
  '外卖不要一次性餐具 (no disposable cutlery)',
);
/** 快递包装回收: a parcel box returned for reuse, from the courier station. */
export const parcelPackagingRecycling = flatActionMethodology(
  'parcel-packaging-recycling',
  '快递包装回收 (parcel packaging returned)',
);
/** 二手交易: a completed second-hand sale, from the platform's order. */
export const secondHandTrade = flatActionMethodology('second-hand-trade', '二手交易 (second-hand trade)');

export const flatActions = [
  reusableBag,
  cleanPlate,
  wasteSorting,
  noDisposableCutlery,
  parcelPackagingRecycling,
  secondHandTrade,
];
