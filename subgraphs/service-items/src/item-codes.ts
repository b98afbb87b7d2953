/**
 * The form of a service-item code (事项编码). The catalogue, not the shared directory, decides which
 * codes exist, because imports add items; this is only what a code can look like: upper-case
 * letters, digits and hyphens, 4 to 64 characters (the seeded `440802XK00001` as much as the
 * provincial `11440800007502386Q4440117017000`).
 */
export const ITEM_CODE_PATTERN = /^[0-9A-Z][0-9A-Z-]{3,63}$/;

export const ITEM_CODE_FORM = 'a service-item code (4 to 64 upper-case letters, digits or hyphens)';

export function isItemCodeForm(code: string): boolean {
  return ITEM_CODE_PATTERN.test(code);
}
