/** The shortest prefix the value repeats (`abcabcab` → `abc`); the value itself when it has none. */
function repeatedUnit(chars: string[]): string[] {
  for (let period = 1; period < chars.length; period++)
    if (chars.every((char, i) => i < period || char === chars[i - period])) return chars.slice(0, period);
  return chars;
}

/**
 * A rough strength estimate for a secret given by an operator: the Shannon entropy of its characters
 * times its length, counting a repeated pattern once. It cannot prove a value random, but it catches what people actually type: one
 * character repeated, a short pattern repeated, a word. `openssl rand -hex 32` gives about 240 bits.
 */
export function estimatedEntropyBits(value: string): number {
  const unit = repeatedUnit([...value]);
  const counts = new Map<string, number>();
  for (const char of unit) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = unit.length;
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / length;
    perChar -= p * Math.log2(p);
  }
  return perChar * length;
}

/** Fewer distinct characters than this is a pattern, whatever its length. */
const MIN_DISTINCT_CHARACTERS = 10;

/** Problems with production secrets: too weak ones, and one value used for two purposes. */
export function secretProblems(secrets: { name: string; value?: string; minBits: number }[]): string[] {
  const problems: string[] = [];
  for (const { name, value, minBits } of secrets) {
    if (!value || minBits === 0) continue;
    const bits = estimatedEntropyBits(value);
    if (new Set(value).size < MIN_DISTINCT_CHARACTERS || bits < minBits)
      problems.push(
        `${name} is too weak (about ${Math.floor(bits)} bits; use a random value of at least ${minBits}, e.g. openssl rand -hex 32)`,
      );
  }
  const given = secrets.filter((s) => s.value);
  for (let i = 0; i < given.length; i++)
    for (let j = i + 1; j < given.length; j++)
      if (given[i].value!.toLowerCase() === given[j].value!.toLowerCase())
        problems.push(`${given[i].name} and ${given[j].name} must be different secrets`);
  return problems;
}
