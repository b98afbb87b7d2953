/**
 * How the annual report prints numbers. Government work reports write figures in a few fixed
 * ways, and the generator must print the graph's exact values back the same way:
 *
 * - small counts in full, with no digit grouping and the measure word glued on: `7355项`, `2221台`;
 * - counts of one to ten before a measure word in Chinese numerals, 两 for two: `两次`, `三级`, `四大`;
 * - large counts in 万 (10^4) or 亿 (10^8) down to a chosen place, never rounded up: the printed
 *   figure is the true value cut down to that place. When the cut drops something, the wording
 *   says so, as the report does: `53万余件`, `1.4亿多条`, `7034万多条`, `超过670.7万人`. When the
 *   last printed digit is itself a placeholder zero (the place is coarser than the unit), 多 goes
 *   before the unit: `4640多万条` is "4640 万 and then some 万", i.e. 4640万 to 4650万;
 * - rates (fractions in [0, 1]) as percentages rounded half-up to the figure's decimals, trailing
 *   zeros dropped: `97.05%`, `100%`, `70%` (69.78%), `90%` (89.98%), `93.7%`;
 * - other decimals rounded half-up, trailing zeros dropped: `0.0029`.
 *
 * Every function throws on a value it cannot print truthfully (negative, NaN, a rate above 1), so
 * a wrong number never reaches a report; a missing one is printed as `UNAVAILABLE` by the caller.
 */

/** What a figure prints as when the graph could not supply it. */
export const UNAVAILABLE = '（数据暂缺）';

/** How a report says "more than the printed figure" (多, 余 after the figure, or 超过 before it). */
export type MoreThan = '多' | '余' | '超过';

export interface LargeNumberStyle {
  /** The unit the figure is written in. */
  unit: '万' | '亿';
  /**
   * The smallest place printed, a power of ten: with unit 万, 1e3 prints `65.2万`, 1e4 prints
   * `7034万`, 1e5 prints `4640万` (its last zero a placeholder).
   */
  step: number;
  /** The wording when the true value is above the printed one. Default 多. */
  more?: MoreThan;
}

const UNIT_SIZE = { 万: 1e4, 亿: 1e8 } as const;

function assertCount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
}

/** Drops trailing zeros after a decimal point, and the point itself if nothing is left. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Rounds half-up to `digits` decimals. `toPrecision(12)` first removes binary noise such as
 * 0.9705 * 10000 = 9704.999999999998, which would otherwise round the wrong way.
 */
function roundHalfUp(value: number, digits: number): string {
  const scaled = Number((value * 10 ** digits).toPrecision(12));
  const units = Math.round(scaled);
  return digitsToDecimal(units, digits);
}

/** 12345, 2 → "123.45"; 5, 3 → "0.005". */
function digitsToDecimal(units: number, digits: number): string {
  if (digits === 0) return String(units);
  const text = String(units).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A count in full, no grouping: 7355 → `7355`; 988.5 → `988.5`. */
export function integer(value: number): string {
  assertCount(value, 'a count');
  return Number.isInteger(value) ? String(value) : trimZeros(roundHalfUp(value, 2));
}

/** A count with its measure word: (7355, '项') → `7355项`. */
export function count(value: number, measure = ''): string {
  return `${integer(value)}${measure}`;
}

const SMALL_NUMERALS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A small count as written before a measure word: 2 → `两`, 3 → `三`, 4 → `四`; above ten in digits.
 * (两 not 二: "两次", "两批次"; a report writes 二 only in ordinals, which this is not.)
 */
export function smallCount(value: number, measure = ''): string {
  assertCount(value, 'a count');
  if (!Number.isInteger(value)) throw new RangeError(`a small count must be an integer, got ${value}`);
  return `${value <= 10 ? SMALL_NUMERALS[value]! : String(value)}${measure}`;
}

/**
 * A large count in 万 or 亿, cut down (never rounded up) to `style.step`, with 多/余/超过 when the
 * cut dropped anything: (652000, 万, 1e3, '宗') → `65.2万宗`; (534210, 万, 1e4, 余, '件') → `53万余件`.
 */
export function large(value: number, style: LargeNumberStyle, measure = ''): string {
  assertCount(value, 'a count');
  const { unit, step, more = '多' } = style;
  const exponent = Math.log10(step);
  if (!Number.isInteger(exponent) || exponent < 0) throw new RangeError(`step must be a power of ten ≥ 1, got ${step}`);
  const unitSize = UNIT_SIZE[unit];
  const places = Math.floor(value / step);
  const exact = places * step === value;

  let figure: string;
  if (step >= unitSize) {
    figure = String(places * (step / unitSize));
  } else {
    figure = trimZeros(digitsToDecimal(places, Math.round(Math.log10(unitSize / step))));
  }

  if (exact) return `${figure}${unit}${measure}`;
  if (more === '超过') return `超过${figure}${unit}${measure}`;
  // The placeholder zero of a coarse place stands for the unknown digit, so 多 takes its place
  // before the unit (`4640多万`); otherwise the excess is below the unit (`7034万多`).
  return step > unitSize ? `${figure}${more}${unit}${measure}` : `${figure}${unit}${more}${measure}`;
}

/**
 * A rate in [0, 1] as a percentage, rounded half-up to `decimals`, trailing zeros dropped:
 * (10562 / 10883, 2) → `97.05%`; (194 / 278, 0) → `70%`; (1, 2) → `100%`.
 */
export function percent(rate: number, decimals: number): string {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1 + 1e-12) {
    throw new RangeError(`a rate must be a fraction in [0, 1], got ${rate}`);
  }
  return `${trimZeros(roundHalfUp(rate * 100, decimals))}%`;
}

/** A plain decimal rounded half-up, trailing zeros dropped: (0.00291, 4) → `0.0029`. */
export function decimal(value: number, digits: number): string {
  assertCount(value, 'a decimal');
  return trimZeros(roundHalfUp(value, digits));
}

/** Names in a Chinese enumeration: ['海口', '玉林'] → `海口、玉林`. */
export function enumeration(names: readonly string[]): string {
  return names.join('、');
}
