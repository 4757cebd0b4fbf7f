/**
 * The API's field problems in Chinese. Its validators speak English (class-validator on request
 * bodies, zod on methodology parameters and inputs) and name no machine code per field, so the
 * console words each kind of problem from the message's fixed shape; bounds are carried over.
 * Whatever is not recognised becomes a generic sentence: an officer never sees the English.
 */
const NUMBER = String.raw`(-?[\d.]+)`;

const PROBLEMS: [RegExp, (...bounds: string[]) => string][] = [
  [/non-negative decimal string/, () => '必须是不小于 0 的数字，例如 33.88'],
  [/positive decimal string/, () => '必须是大于 0 的数字，例如 0.05'],
  [/should not exist|Unrecognized key/i, () => '不允许的字段'],
  [/should not be empty|Required|expected .*, received undefined/, () => '必填'],
  [
    new RegExp(`must not be less than ${NUMBER}|expected .* to be >=${NUMBER}`),
    (a, b) => `不能小于 ${a ?? b}`,
  ],
  [
    new RegExp(`must not be greater than ${NUMBER}|expected .* to be <=${NUMBER}`),
    (a, b) => `不能大于 ${a ?? b}`,
  ],
  [new RegExp(`expected .* to be >${NUMBER}`), (a) => `必须大于 ${a}`],
  [new RegExp(`expected .* to be <${NUMBER}`), (a) => `必须小于 ${a}`],
  [
    new RegExp(`longer than or equal to ${NUMBER} characters|>=${NUMBER} characters`),
    (a, b) => `至少 ${a ?? b} 个字`,
  ],
  [
    new RegExp(`shorter than or equal to ${NUMBER} characters|<=${NUMBER} characters`),
    (a, b) => `最多 ${a ?? b} 个字`,
  ],
  [new RegExp(`no more than ${NUMBER} elements|<=${NUMBER} items`), (a, b) => `最多 ${a ?? b} 项`],
  [new RegExp(`at least ${NUMBER} elements|>=${NUMBER} items`), (a, b) => `至少 ${a ?? b} 项`],
  [/must be an integer|expected int/, () => '必须是整数'],
  [/must be a number|expected number/, () => '必须是数字'],
  [/must be a boolean|expected boolean/, () => '必须选择是或否'],
  [/must be a string|expected string/, () => '必须是文字'],
  [/must be an array|expected array/, () => '必须是列表'],
  [/must be an object|expected object|expected record/, () => '格式不正确'],
  [/must be one of the following values|Invalid option|expected one of/, () => '不是允许的取值'],
  [/must be a UUID/, () => '必须是有效的编号'],
  [/ISO 8601|datetime/, () => '必须是有效的日期时间'],
  [/must be a URL/, () => '必须是有效的网址'],
  [/must match|Invalid string|Invalid input/, () => '格式不正确'],
];

/** One field problem as an officer reads it. */
export function fieldProblemZh(problem: string): string {
  for (const [pattern, sentence] of PROBLEMS) {
    const match = pattern.exec(problem);
    if (match) return sentence(...match.slice(1));
  }
  return '填写的内容不符合要求';
}
