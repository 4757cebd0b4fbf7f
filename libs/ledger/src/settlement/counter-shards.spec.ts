import {
  accountKey,
  accountOf,
  actionSettlementPosting,
  assertBalanced,
  retirementPosting,
} from '../posting.js';
import { drawFromShards, laneOrder, onCounterShard } from './counter-shards.js';

const settlement = actionSettlementPosting({
  actionId: 'a1',
  citizenId: 'c1',
  region: '370102',
  grams: 120n,
  points: 12n,
  methodologyId: 'cycling',
  methodologyVersion: 3,
});

describe('onCounterShard', () => {
  it('moves only the issuance and pool lines to the shard; the citizen lines and the audit details stay', () => {
    const sharded = onCounterShard(settlement, 3);
    expect(sharded.lines.map((l) => [accountKey(l.account), l.amount])).toEqual([
      ['citizen_carbon/c1', 120n],
      ['reduction_pool/370102#3', -120n],
      ['citizen_points/c1', 12n],
      ['points_issuance/program#3', -12n],
    ]);
    expect(sharded.details).toEqual(settlement.details);
    expect(sharded.idempotencyKey).toBe('action/a1/settle');
    expect(() => assertBalanced(sharded)).not.toThrow();
  });

  it('names the shard it refuses', () => {
    expect(() => onCounterShard(settlement, -1)).toThrow(
      new RangeError('shard must be a whole number ≥ 0, got -1'),
    );
  });

  it('leaves shard 0 as the account itself, and refuses a shard that is not a whole number ≥ 0', () => {
    expect(onCounterShard(settlement, 0)).toBe(settlement);
    expect(() => onCounterShard(settlement, -1)).toThrow(RangeError);
    expect(() => onCounterShard(settlement, 1.5)).toThrow(RangeError);
  });
});

describe('laneOrder', () => {
  it('visits every lane once, from the first given', () => {
    expect(laneOrder(4, 2)).toEqual([2, 3, 0, 1]);
    expect(laneOrder(1, 0)).toEqual([0]);
  });
});

describe('drawFromShards', () => {
  const shards = [
    { shard: 2, grams: 50n },
    { shard: 0, grams: 30n },
    { shard: 1, grams: 0n },
  ];

  it('takes from the lowest shards first, never more than a shard holds', () => {
    expect(drawFromShards(shards, 60n)).toEqual([
      { shard: 0, grams: 30n },
      { shard: 2, grams: 30n },
    ]);
    expect(drawFromShards(shards, 80n)).toEqual([
      { shard: 0, grams: 30n },
      { shard: 2, grams: 50n },
    ]);
  });

  it('refuses more than the shards hold together', () => {
    expect(() => drawFromShards(shards, 81n)).toThrow(new RangeError('the shards hold 80 g, 81 g asked'));
  });

  it('makes a retirement posting that debits each shard and balances', () => {
    const posting = retirementPosting({
      retirementId: 'r1',
      serial: 'SD-370102-2026-000001',
      region: '370102',
      grams: 60n,
      purpose: 'test',
      fromShards: drawFromShards(shards, 60n),
    });
    expect(posting.lines.map((l) => [accountKey(l.account), l.amount])).toEqual([
      [accountKey(accountOf.reductionPool('370102')), 30n],
      ['reduction_pool/370102#2', 30n],
      ['retired_reductions/370102', -60n],
    ]);
  });
});
