/**
 * How numbers are written in the report: one place, so prose, tables and the grounding check
 * agree on rounding.
 */

/** 0.3127 -> "31.3%" (digits after the point). */
export const percent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;

/** Whole number with thousands separators. */
export const int = (x: number): string => Math.round(x).toLocaleString('en-US');

/** Workers in words: 1,540,000 -> "1.54 million"; 165,000 -> "165,000". */
export function workers(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(a >= 1e8 ? 0 : a >= 1e7 ? 1 : 2)} million`;
  if (a >= 1e4) return int(Math.round(x / 1000) * 1000);
  return int(x);
}

/** US dollars in words: 1.23e13 -> "$12.3 trillion". */
export function usd(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e12) return `$${(x / 1e12).toFixed(2)} trillion`;
  if (a >= 1e9) return `$${(x / 1e9).toFixed(1)} billion`;
  if (a >= 1e6) return `$${(x / 1e6).toFixed(1)} million`;
  return `$${int(x)}`;
}

/** Signed percent for changes: 0.021 -> "+2.1%". */
export const change = (x: number, digits = 1): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)}%`;

export const fixed = (x: number, digits = 2): string => (x < 0 ? `−${Math.abs(x).toFixed(digits)}` : x.toFixed(digits));
