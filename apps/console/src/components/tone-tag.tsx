import { Tag } from 'antd';
import type { ComponentProps } from 'react';

/**
 * antd's preset tag colours put mid-tone text on a pale tint (green is 3.3:1): these tones keep the
 * tint and darken the text to ≥ 4.5:1 on it, so a status reads for everyone.
 */
const TONES = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  gold: { color: '#7c4a00', background: '#fffbe6', borderColor: '#ffd666' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  volcano: { color: '#871400', background: '#fff2e8', borderColor: '#ffbb96' },
  magenta: { color: '#9e1068', background: '#fff0f6', borderColor: '#ffadd2' },
  default: { color: 'rgba(0, 0, 0, 0.88)', background: '#fafafa', borderColor: '#d9d9d9' },
} as const;
export type Tone = keyof typeof TONES;

/** A tag in one of TONES; an unknown tone (e.g. a preset name from a label table) reads as default. */
export function ToneTag({
  tone,
  style,
  ...props
}: { tone: string } & Omit<ComponentProps<typeof Tag>, 'color'>) {
  return <Tag {...props} style={{ ...(TONES[tone as Tone] ?? TONES.default), ...style }} />;
}
