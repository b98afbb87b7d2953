import { describe, expect, it } from 'vitest';
import { count, decimal, enumeration, integer, large, percent, smallCount, type LargeNumberStyle } from './format.js';

describe('count: small counts in full, no digit grouping', () => {
  it.each([
    [7355, '项', '7355项'],
    [2221, '台', '2221台'],
    [17472, '项', '17472项'],
    [29536, 'GB', '29536GB'],
    [988, 'TB', '988TB'],
    [988.5, 'TB', '988.5TB'],
  ])('%d%s → %s', (value, measure, printed) => {
    expect(count(value, measure)).toBe(printed);
  });

  it('refuses what it cannot print truthfully', () => {
    expect(() => integer(-1)).toThrow(RangeError);
    expect(() => integer(Number.NaN)).toThrow(RangeError);
  });
});

describe('smallCount: Chinese numerals before a measure word', () => {
  it.each([
    [2, '次', '两次'],
    [2, '批', '两批'],
    [3, '级', '三级'],
    [4, '大', '四大'],
    [10, '个', '十个'],
    [55, '条', '55条'],
  ])('%d%s → %s', (value, measure, printed) => {
    expect(smallCount(value, measure)).toBe(printed);
  });
});

describe('large: 万/亿, cut down to the report’s place, with 多/余/超过 when the truth is larger', () => {
  const WAN_1DP: LargeNumberStyle = { unit: '万', step: 1e3 };

  // [value, style, measure, printed]: each pair is the report's own example, exact and "more than".
  const cases: [number, LargeNumberStyle, string, string][] = [
    // 12345 calls: exact values print without any "more" wording.
    [652_000, WAN_1DP, '宗', '65.2万宗'],
    [548_000, WAN_1DP, '宗', '54.8万宗'],
    [104_000, WAN_1DP, '宗', '10.4万宗'],
    [652_340, WAN_1DP, '宗', '65.2万多宗'],
    // Certificates issued and market entities.
    [9_243_000, WAN_1DP, '张', '924.3万张'],
    [327_000, WAN_1DP, '户', '32.7万户'],
    [327_999, WAN_1DP, '户', '32.7万多户'],
    // Applications in the service center: 53万余件.
    [534_210, { unit: '万', step: 1e4, more: '余' }, '件', '53万余件'],
    [530_000, { unit: '万', step: 1e4, more: '余' }, '件', '53万件'],
    // Data platform: 1.4亿多条, 7034万多条, 4640多万条, 295万多条.
    [142_345_678, { unit: '亿', step: 1e7 }, '条', '1.4亿多条'],
    [140_000_000, { unit: '亿', step: 1e7 }, '条', '1.4亿条'],
    [70_345_678, { unit: '万', step: 1e4 }, '条', '7034万多条'],
    [70_340_000, { unit: '万', step: 1e4 }, '条', '7034万条'],
    [46_412_345, { unit: '万', step: 1e5 }, '条', '4640多万条'],
    [46_400_000, { unit: '万', step: 1e5 }, '条', '4640万条'],
    [2_953_456, { unit: '万', step: 1e4 }, '条', '295万多条'],
    [2_950_000, { unit: '万', step: 1e4 }, '条', '295万条'],
    // 粤省事 users: 超过670.7万.
    [6_707_321, { unit: '万', step: 1e3, more: '超过' }, '人', '超过670.7万人'],
    [6_707_000, { unit: '万', step: 1e3, more: '超过' }, '人', '670.7万人'],
    // A trailing zero after the point is not printed.
    [650_000, WAN_1DP, '宗', '65万宗'],
  ];

  it.each(cases)('%d → %s%s %s', (value, style, measure, printed) => {
    expect(large(value, style, measure)).toBe(printed);
  });

  it('never rounds up: 1.49亿 is still 1.4亿多, 65.29万 is 65.2万多', () => {
    expect(large(149_999_999, { unit: '亿', step: 1e7 }, '条')).toBe('1.4亿多条');
    expect(large(652_999, WAN_1DP, '宗')).toBe('65.2万多宗');
  });

  it('says "more" exactly when the printed figure is below the true value', () => {
    const style: LargeNumberStyle = { unit: '万', step: 1e4 };
    for (let value = 0; value <= 200_000_000; value += 9_876_543) {
      const printed = large(value, style);
      const figure = Number(/^[\d.]+/.exec(printed)![0]) * 1e4;
      expect(figure).toBeLessThanOrEqual(value);
      expect(value - figure).toBeLessThan(1e4);
      expect(printed.includes('多')).toBe(figure < value);
    }
  });

  it('refuses a step that is not a power of ten, and negative values', () => {
    expect(() => large(1, { unit: '万', step: 5 })).toThrow(RangeError);
    expect(() => large(-1, WAN_1DP)).toThrow(RangeError);
  });
});

describe('percent: rates in [0, 1], rounded half-up, trailing zeros dropped', () => {
  it.each([
    [10562 / 10883, 2, '97.05%'],
    [0.9511, 2, '95.11%'],
    [0.9359, 2, '93.59%'],
    [0.9951, 2, '99.51%'],
    [0.9997, 2, '99.97%'],
    [0.9985, 2, '99.85%'],
    [1, 2, '100%'],
    [0.999, 1, '99.9%'],
    [0.937, 1, '93.7%'],
    // The report's rounded rates: 194/278 = 69.78% prints 70%, 1122/1247 = 89.98% prints 90%.
    [194 / 278, 0, '70%'],
    [1122 / 1247, 0, '90%'],
    // Half-up, without binary noise: 0.97045 is 97.045%, which rounds to 97.05%.
    [0.97045, 2, '97.05%'],
    [0.9705, 2, '97.05%'],
    [0, 2, '0%'],
  ])('%f at %d decimals → %s', (rate, decimals, printed) => {
    expect(percent(rate, decimals)).toBe(printed);
  });

  it('refuses a rate outside [0, 1]', () => {
    expect(() => percent(97.05, 2)).toThrow(RangeError);
    expect(() => percent(-0.1, 2)).toThrow(RangeError);
    expect(() => percent(Number.NaN, 2)).toThrow(RangeError);
  });
});

describe('decimal and enumeration', () => {
  it('prints the visit rate as the report does', () => {
    expect(decimal(0.0029, 4)).toBe('0.0029');
    expect(decimal(0.00291, 4)).toBe('0.0029');
    expect(decimal(0.00285, 4)).toBe('0.0029');
    expect(decimal(0.003, 4)).toBe('0.003');
  });

  it('joins names with the enumeration comma', () => {
    expect(enumeration(['海口', '玉林', '钦州'])).toBe('海口、玉林、钦州');
  });
});
