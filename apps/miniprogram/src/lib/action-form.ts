import { cstDate, cstInputToIso, formatCst, validDay } from './china-time';
import { groupThousands } from './format';

/** The part of a JSON schema (zod-derived, as the API publishes it) that a form needs. */
export interface PropertySchema {
  type?: string;
  format?: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  pattern?: string;
  default?: unknown;
}

export interface InputSchema {
  properties: Readonly<Record<string, PropertySchema>>;
  required?: readonly string[];
}

/** How a field reads to a citizen; the schema says what is valid, this says how to ask for it. */
export interface FieldUi {
  label: string;
  hint?: string;
  /** The unit the citizen types in, and how many schema units make one (distanceM in 公里: 1000). */
  unit?: string;
  scale?: number;
  options?: Readonly<Record<string, string>>;
  /** Minutes before now for a time field's first value (a trip's start). */
  minutesAgo?: number;
}

export type FieldKind = 'choice' | 'number' | 'datetime' | 'date' | 'text';

export interface FormField {
  name: string;
  kind: FieldKind;
  ui: FieldUi;
  required: boolean;
  schema: PropertySchema;
}

/** The schema's fields, in the order the UI table lists them (what a citizen thinks of first). */
export function fieldsOf(schema: InputSchema, ui: Readonly<Record<string, FieldUi>>): FormField[] {
  const order = Object.keys(ui);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const entries = Object.entries(schema.properties).sort(([a], [b]) => rank(a) - rank(b));
  return entries.map(([name, property]) => {
    const kind: FieldKind = property.enum
      ? 'choice'
      : property.type === 'integer' || property.type === 'number'
        ? 'number'
        : property.format === 'date-time'
          ? 'datetime'
          : property.format === 'date'
            ? 'date'
            : 'text';
    return {
      name,
      kind,
      ui: ui[name] ?? { label: name },
      required: schema.required?.includes(name) ?? false,
      schema: property,
    };
  });
}

/** What the form shows first: defaults from the schema, now for times, today for days. */
export function initialValues(fields: FormField[], now: number = Date.now()): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const fallback = field.schema.default;
    if (field.kind === 'datetime') values[field.name] = formatCst(now - (field.ui.minutesAgo ?? 0) * 60_000);
    else if (field.kind === 'date') values[field.name] = cstDate(now);
    else if (field.kind === 'choice') values[field.name] = String(fallback ?? field.schema.enum?.[0] ?? '');
    else if (field.name === 'creditYear') values[field.name] = cstDate(now).slice(0, 4);
    else if (fallback !== undefined) values[field.name] = String(Number(fallback) / (field.ui.scale ?? 1));
    else values[field.name] = '';
  }
  return values;
}

function display(value: number, ui: FieldUi): string {
  const scaled = value / (ui.scale ?? 1);
  const [whole, fraction] = String(scaled).split('.');
  return `${groupThousands(whole ?? '0')}${fraction ? `.${fraction}` : ''}${ui.unit ? ` ${ui.unit}` : ''}`;
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parseNumber(field: FormField, text: string): Parsed {
  const { schema, ui } = field;
  const scale = ui.scale ?? 1;
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, error: `${ui.label}请填写数字` };
  if (schema.type === 'integer' && scale === 1 && !/^\d+$/.test(text))
    return { ok: false, error: `${ui.label}请填写整数` };
  const value = Math.round(Number(text) * scale);
  const exclusive = schema.exclusiveMinimum === true || typeof schema.exclusiveMinimum === 'number';
  const minimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.minimum;
  if (minimum !== undefined && (exclusive ? value <= minimum : value < minimum))
    return {
      ok: false,
      error: exclusive
        ? `${ui.label}应大于 ${display(minimum, ui)}`
        : `${ui.label}不能小于 ${display(minimum, ui)}`,
    };
  if (schema.maximum !== undefined && value > schema.maximum)
    return { ok: false, error: `${ui.label}不能超过 ${display(schema.maximum, ui)}` };
  return { ok: true, value };
}

function parse(field: FormField, text: string): Parsed {
  const { ui, schema } = field;
  switch (field.kind) {
    case 'number':
      return parseNumber(field, text);
    case 'datetime': {
      const iso = cstInputToIso(text);
      return iso
        ? { ok: true, value: iso }
        : { ok: false, error: `${ui.label}请按“年-月-日 时:分”填写，例如 ${formatCst(Date.now())}` };
    }
    case 'date': {
      const day = validDay(text);
      return day
        ? { ok: true, value: day }
        : { ok: false, error: `${ui.label}请按“年-月-日”填写，例如 ${cstDate()}` };
    }
    case 'choice':
      return schema.enum?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, error: `请选择${ui.label}` };
    case 'text':
      return !schema.pattern || new RegExp(schema.pattern).test(text)
        ? { ok: true, value: text }
        : { ok: false, error: `${ui.label}格式不正确${ui.hint ? `（${ui.hint}）` : ''}` };
  }
}

/**
 * The methodology input from what the citizen typed, converted to the schema's units (公里 → m,
 * CST wall clock → ISO with +08:00), or a Chinese sentence for each field that is not right.
 */
export function buildActionData(
  fields: FormField[],
  values: Record<string, string>,
):
  | { data: Record<string, unknown>; errors?: undefined }
  | { data?: undefined; errors: Record<string, string> } {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = (values[field.name] ?? '').trim();
    if (text === '') {
      if (field.required) errors[field.name] = `请填写${field.ui.label}`;
      continue;
    }
    const parsed = parse(field, text);
    if (parsed.ok) data[field.name] = parsed.value;
    else errors[field.name] = parsed.error;
  }
  return Object.keys(errors).length > 0 ? { errors } : { data };
}
