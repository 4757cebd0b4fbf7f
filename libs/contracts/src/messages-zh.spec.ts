import { ErrorCode } from '@app/domain';
import { methodologyRegistry } from '@app/methodologies';
import {
  API_ERROR_SENTENCES_ZH,
  METHODOLOGY_NAMES_ZH,
  REASON_SENTENCES_ZH,
  sentenceForCode,
} from './messages-zh.js';

describe('Chinese sentences for codes', () => {
  it('has a sentence of its own for every API error code', () => {
    const missing = Object.values(ErrorCode).filter((code) => !API_ERROR_SENTENCES_ZH[code]);
    expect(missing).toEqual([]);
  });

  it('writes every sentence in Chinese, never the code itself', () => {
    for (const [code, sentence] of Object.entries({ ...API_ERROR_SENTENCES_ZH, ...REASON_SENTENCES_ZH })) {
      expect(sentence).toMatch(/[\u4e00-\u9fff]/);
      expect(sentence).not.toContain(code);
    }
  });

  it('falls back to a generic sentence for a code it does not know', () => {
    expect(sentenceForCode('SOMETHING_NEW')).toBe('操作未成功，请稍后再试。');
    expect(sentenceForCode('TRIP_OVERLAP')).toBe('与已记录的另一次出行时间重叠。');
  });

  it('names every methodology in Chinese', () => {
    const unnamed = methodologyRegistry.ids().filter((id) => !METHODOLOGY_NAMES_ZH[id]);
    expect(unnamed).toEqual([]);
  });

  it('has a sentence for the reason codes of household electricity saving', () => {
    expect(sentenceForCode('BASELINE_TOO_LOW')).toContain('基准');
    expect(sentenceForCode('NO_SAVING')).toContain('没有节约');
  });

  it('gives every ErrorCode member its own sentence through sentenceForCode, never the fallback', () => {
    const generic = sentenceForCode('SOMETHING_NEW');
    const unsaid = Object.values(ErrorCode).filter((code) => sentenceForCode(code) === generic);
    expect(unsaid).toEqual([]);
  });

  it('keeps the reasons outside ErrorCode apart from it (one sentence per code, in one table)', () => {
    const twice = Object.values(ErrorCode).filter((code) => code in REASON_SENTENCES_ZH);
    expect(twice).toEqual([]);
  });
});
