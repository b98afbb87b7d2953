import { describe, expect, it } from 'vitest';
import { governmentUscc, isValidUscc, organizationCheckCharacter, usccCheckCharacter } from './uscc.js';

describe('unified social credit codes', () => {
  it('computes the GB 32100 check character of a published code', () => {
    // The worked example of GB 32100-2015.
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('computes the GB 11714 organisation check character', () => {
    // The worked example of GB 11714: D2143569-X.
    expect(organizationCheckCharacter('D2143569')).toBe('X');
  });

  it('rejects a wrong check character, bad length and forbidden letters', () => {
    const code = governmentUscc('440800', 42);
    expect(isValidUscc(code)).toBe(true);
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(isValidUscc(wrong)).toBe(false);
    expect(isValidUscc(code.slice(0, 17))).toBe(false);
    expect(isValidUscc(`${code.slice(0, 17)}I`)).toBe(false);
  });
});
