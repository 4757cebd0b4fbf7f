import { DomainError, ErrorCode, isErrorCode, isInvariantBreach, isUuid } from './errors.js';

describe('DomainError', () => {
  it('carries its code, message and details, and names itself', () => {
    const error = new DomainError(ErrorCode.HoldNotFound, 'no such hold', { holdId: 'h1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('HOLD_NOT_FOUND');
    expect(error.message).toBe('no such hold');
    expect(error.details).toEqual({ holdId: 'h1' });
  });
});

describe('isInvariantBreach', () => {
  it('is true only for a DomainError whose code is a ledger invariant', () => {
    expect(isInvariantBreach(new DomainError(ErrorCode.LedgerUnbalanced, 'x'))).toBe(true);
    expect(isInvariantBreach(new DomainError(ErrorCode.LedgerAccountMissing, 'x'))).toBe(true);
    expect(isInvariantBreach(new DomainError(ErrorCode.PointsLotsShort, 'x'))).toBe(true);
    expect(isInvariantBreach(new DomainError(ErrorCode.HoldNotFound, 'x'))).toBe(false);
    // The code alone is not enough: only the domain's own error says the ledger broke.
    expect(isInvariantBreach(Object.assign(new Error('x'), { code: ErrorCode.LedgerUnbalanced }))).toBe(
      false,
    );
    expect(isInvariantBreach(undefined)).toBe(false);
  });
});

describe('isErrorCode', () => {
  it('accepts the codes and nothing else', () => {
    expect(isErrorCode('HOLD_NOT_FOUND')).toBe(true);
    expect(isErrorCode('hold_not_found')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});

describe('isUuid', () => {
  it.each([
    ['123e4567-e89b-12d3-a456-426614174000', true],
    ['123E4567-E89B-12D3-A456-426614174000', true],
    ['123e4567e89b12d3a456426614174000', false],
    ['123e4567-e89b-12d3-a456-42661417400', false],
    ['123e4567-e89b-12d3-a456-4266141740000', false],
    [' 123e4567-e89b-12d3-a456-426614174000', false],
    ['123e4567-e89b-12d3-a456-426614174000\n', false],
    ['g23e4567-e89b-12d3-a456-426614174000', false],
    ['', false],
  ])('%j: %s', (text, valid) => {
    expect(isUuid(text)).toBe(valid);
  });
});
