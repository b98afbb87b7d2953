/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters, the last a check
 * character over the first 17; characters 9-17 embed an organisation code (GB 11714) with its own
 * check digit. The importers validate upstream codes with these, and the seed generates valid ones.
 */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`invalid character ${first17[i]} in credit code`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function organizationCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(first8[i] ?? '') * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** True when `code` is a well-formed credit code whose check character is right. */
export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return usccCheckCharacter(code.slice(0, 17)) === code[17];
}

/** A credit code for a government body (registration authority 1, kind 1) in a region. */
export function governmentUscc(regionCode: string, serial: number): string {
  const orgBody = `0${String(serial).padStart(7, '0')}`.slice(-8);
  const org = orgBody + organizationCheckCharacter(orgBody);
  if (!/^\d{6}$/.test(regionCode)) throw new Error(`a credit code embeds a 6-digit region code, got ${regionCode}`);
  const first17 = `11${regionCode}${org}`;
  return first17 + usccCheckCharacter(first17);
}
