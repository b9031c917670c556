/** Writing CSV/TSV: quote fields that need it (RFC 4180); TSV replaces tabs and newlines in fields. */
export function formatDelimited(header: string[], rows: unknown[][], delimiter: ',' | '\t' = ','): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
    if (delimiter === '\t') return s.replace(/[\t\r\n]+/g, ' ');
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(delimiter)).join('\n') + '\n';
}
