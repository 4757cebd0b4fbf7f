import { DomainError, ErrorCode, inventoryLineGrams, inventoryTotals } from '@app/domain';
import type { InventoryLineInputDto } from './dto/neutrality.dto.js';

const MAX_GRAMS = 9_000_000_000_000_000_000n;

/** An inventory's lines with their grams, and its total; refused unless the total is positive and storable. */
export function inventoryLines(input: InventoryLineInputDto[]) {
  const lines = input.map((l) => ({ ...l, grams: inventoryLineGrams(l) }));
  const { total } = inventoryTotals(lines);
  if (total <= 0n || total > MAX_GRAMS) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      'an inventory has positive emissions within 9×10^18 g',
      {
        fields: [
          { field: 'lines', problems: ['the total must be positive and at most 9000000000000000000 g'] },
        ],
      },
    );
  }
  return { lines, total };
}
