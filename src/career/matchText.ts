/**
 * Text normalisation for the title matcher: tokens, a light stemmer, the abbreviation table,
 * seniority/level words, stop words, and the string distances used for typos.
 * Pure functions; no state.
 */

/** A token as written: its lower-cased form and whether the writer put it in capitals (IT vs it). */
export interface RawToken {
  text: string;
  upper: boolean;
  /** Inside parentheses ("CEO (Chief Executive Officer)"): a gloss, not the head of the title. */
  paren: boolean;
}

/**
 * Split text into word tokens. Accents are folded, apostrophes dropped ("driver's" → "drivers"),
 * "&" read as "and", and every other non-alphanumeric character separates words.
 * Parenthesised text is kept (O*NET writes "CEO (Chief Executive Officer)").
 */
export function rawTokens(text: string): RawToken[] {
  // Fast path for plain ASCII (nearly all of O*NET); accents are folded only when present.
  const s = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’`]/g, "'") : text;
  const out: RawToken[] = [];
  let start = -1;
  let lower = false;
  let letters = 0;
  let depth = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const isUpper = c >= 65 && c <= 90;
    const isLower = c >= 97 && c <= 122;
    if (isUpper || isLower || (c >= 48 && c <= 57) || c === 39 || c === 96) {
      if (start < 0) start = i;
      if (isLower) lower = true;
      if (isUpper || isLower) letters++;
      continue;
    }
    if (start >= 0) pushToken(out, s.slice(start, i), lower, letters, depth > 0);
    start = -1;
    lower = false;
    letters = 0;
    if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
    else if (c === 38) out.push({ text: 'and', upper: false, paren: depth > 0 });
  }
  return out;
}

function pushToken(out: RawToken[], word: string, lower: boolean, letters: number, paren: boolean): void {
  // Apostrophes go: "driver's" → "drivers".
  const w = word.includes("'") || word.includes('`') ? word.replace(/['`]/g, '') : word;
  if (w === '') return;
  out.push({ text: w.toLowerCase(), upper: !lower && letters > 0 && w.length >= 2, paren });
}

/**
 * Light (inflectional) stemmer: plurals and "-men" → "-man". Derivational endings are kept
 * apart on purpose ("accountant" ≠ "accounting" ≠ "account"); `coarseStem` joins those.
 */
export function lightStem(w: string): string {
  if (w.length <= 3 || /[0-9]/.test(w)) return w;
  if (w.endsWith('men') && w.length > 4) return w.slice(0, -3) + 'man';
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(ss|us|is|ous|ics|as)$/.test(w)) return w;
  if (/(sses|xes|zes|ches|shes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/**
 * Coarse stem for a secondary, low-weight match between word families
 * ("accounting"/"accountant", "administrator"/"administrative"). Conservative: a suffix is only
 * removed when at least four letters remain, so "engine" and "engineer" stay apart.
 */
export function coarseStem(w: string): string {
  const s = lightStem(w);
  if (s.length <= 5 || /[0-9]/.test(s)) return s;
  const m = /^(.{4,}?)(izations?|isations?|ations?|ators?|atives?|itions?|ments?|ances?|ences?|ants?|ents?|ives?|ists?|ians?|ing|ers?|ors?|ics?|ical|ial|al|ed|ary|ory|y|e)$/.exec(s);
  return m ? (m[1] as string) : s;
}

/** Common English function words, dropped from every field. */
export const stopWords: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so such than that the their them then there these they this those to up upon us ' +
    'was we were what when where which while who whom why will with within you your also all any each other etc ' +
    'may must should would could including include includes various such'
  ).split(' '),
);
// "up" and "i" are in titles ("Set-Up Mechanic", "Accountant I"): "up" carries no occupation
// signal, and roman numerals are level markers handled below.

/**
 * More function words, dropped from a query read as a description (only there: titles and task
 * text are indexed as they are): pronouns, prepositions, auxiliaries and number words as in
 * common English stop-word lists, and a few words that say nothing about the work ("get",
 * "make sure", "things", "14 year olds").
 */
export const proseStopWords: ReadonlySet<string> = new Set(
  (
    'am im ive id myself ours ourselves yours yourself him himself hers herself itself theirs themselves ' +
    'did doing having because until against between through during before after above below down out off over under ' +
    'again further once here both few more most some nor only own same too very just now about around across along ' +
    'get gets getting got make makes making made sure thing things stuff really basically mostly usually ' +
    'sometimes often every day days week weeks year years old olds one two three four five six seven eight nine ten ' +
    'eleven twelve dozen hundred thousand kind bit much many like'
  ).split(' '),
);

/**
 * Abbreviations expanded at index and at query time alike, so "Sr. Acct Pay Clrk" and
 * "Senior Accounts Payable Clerk" meet on the same words. `upperOnly`: expand only when written
 * in capitals (OR nurse vs "cook or chef"); `it` expands in short queries too (see matchText users).
 */
export interface Abbreviation {
  expansion: string;
  upperOnly?: boolean;
}

export const abbreviations: Readonly<Record<string, Abbreviation>> = {
  sr: { expansion: 'senior' },
  snr: { expansion: 'senior' },
  jr: { expansion: 'junior' },
  mgr: { expansion: 'manager' },
  mngr: { expansion: 'manager' },
  asst: { expansion: 'assistant' },
  assoc: { expansion: 'associate' },
  acct: { expansion: 'account' },
  accts: { expansion: 'account' },
  acctg: { expansion: 'accounting' },
  admin: { expansion: 'administrative' },
  eng: { expansion: 'engineer' },
  engr: { expansion: 'engineer' },
  tech: { expansion: 'technician' },
  techs: { expansion: 'technician' },
  rep: { expansion: 'representative' },
  reps: { expansion: 'representative' },
  coord: { expansion: 'coordinator' },
  dir: { expansion: 'director' },
  vp: { expansion: 'vice president' },
  svp: { expansion: 'senior vice president' },
  evp: { expansion: 'executive vice president' },
  avp: { expansion: 'assistant vice president' },
  rn: { expansion: 'registered nurse' },
  lpn: { expansion: 'licensed practical nurse' },
  lvn: { expansion: 'licensed vocational nurse' },
  cna: { expansion: 'certified nursing assistant' },
  np: { expansion: 'nurse practitioner', upperOnly: true },
  hr: { expansion: 'human resources' },
  it: { expansion: 'information technology', upperOnly: true },
  qa: { expansion: 'quality assurance' },
  qc: { expansion: 'quality control' },
  cpa: { expansion: 'certified public accountant' },
  ceo: { expansion: 'chief executive officer' },
  cfo: { expansion: 'chief financial officer' },
  coo: { expansion: 'chief operating officer' },
  cto: { expansion: 'chief technology officer' },
  cio: { expansion: 'chief information officer' },
  gm: { expansion: 'general manager' },
  dept: { expansion: 'department' },
  supv: { expansion: 'supervisor' },
  supvr: { expansion: 'supervisor' },
  spec: { expansion: 'specialist' },
  svc: { expansion: 'service' },
  svcs: { expansion: 'service' },
  cust: { expansion: 'customer' },
  csr: { expansion: 'customer service representative' },
  ops: { expansion: 'operations' },
  mktg: { expansion: 'marketing' },
  mkt: { expansion: 'marketing' },
  dev: { expansion: 'developer' },
  devops: { expansion: 'development operations' },
  swe: { expansion: 'software engineer' },
  sw: { expansion: 'software' },
  hw: { expansion: 'hardware' },
  sys: { expansion: 'system' },
  sysadmin: { expansion: 'system administrator' },
  dba: { expansion: 'database administrator' },
  ux: { expansion: 'user experience' },
  ui: { expansion: 'user interface' },
  pm: { expansion: 'project manager', upperOnly: true },
  emt: { expansion: 'emergency medical technician' },
  pa: { expansion: 'physician assistant', upperOnly: true },
  pt: { expansion: 'physical therapist', upperOnly: true },
  ot: { expansion: 'occupational therapist', upperOnly: true },
  er: { expansion: 'emergency room', upperOnly: true },
  or: { expansion: 'operating room', upperOnly: true },
  md: { expansion: 'physician', upperOnly: true },
  govt: { expansion: 'government' },
  intl: { expansion: 'international' },
  natl: { expansion: 'national' },
  maint: { expansion: 'maintenance' },
  mech: { expansion: 'mechanic' },
  elec: { expansion: 'electrical' },
  equip: { expansion: 'equipment' },
  mfg: { expansion: 'manufacturing' },
  prod: { expansion: 'production' },
  whse: { expansion: 'warehouse' },
  trans: { expansion: 'transportation' },
  ed: { expansion: 'education', upperOnly: true },
  edu: { expansion: 'education' },
  sec: { expansion: 'secretary' },
  secy: { expansion: 'secretary' },
  recpt: { expansion: 'receptionist' },
  clk: { expansion: 'clerk' },
  clrk: { expansion: 'clerk' },
};

/**
 * Seniority and level words. They say how senior someone is, not what they do, so a query
 * puts little weight on them — unless the word is the head of the title ("Dental Assistant",
 * "Crew Chief") or part of a fixed phrase the corpus knows ("Chief Executive").
 */
export const levelWords: ReadonlySet<string> = new Set([
  'senior', 'junior', 'lead', 'chief', 'head', 'assistant', 'associate', 'principal', 'staff', 'trainee',
  'apprentice', 'intern', 'entry', 'level', 'master', 'journeyman', 'journey', 'i', 'ii', 'iii', 'iv', 'v', '1', '2', '3', '4',
]);

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  // Three rolling rows in one buffer: row(i) lives at ((i % 3) · (lb + 1)).
  const w = lb + 1;
  const rows = new Int32Array(3 * w);
  for (let j = 0; j <= lb; j++) rows[w + j] = j; // row 0
  let p2 = 0; // row i−2
  let p1 = w; // row i−1
  let c = 2 * w; // row i
  for (let i = 1; i <= la; i++) {
    rows[c] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min((rows[p1 + j] as number) + 1, (rows[c + j - 1] as number) + 1, (rows[p1 + j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, (rows[p2 + j - 2] as number) + 1);
      rows[c + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = p2;
    p2 = p1;
    p1 = c;
    c = t;
  }
  return rows[p1 + lb] as number;
}

/** Which letters a–z a word contains, as bits: words k edits apart differ in at most 2k bits. */
export function letterMask(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) m |= 1 << c;
  }
  return m;
}

/** Number of set bits. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** True when `short` can be read as an abbreviation of `long`: same first letter, letters in order. */
export function isAbbreviationOf(short: string, long: string): boolean {
  if (short.length >= long.length || short[0] !== long[0]) return false;
  let j = 1;
  for (let i = 1; i < short.length; i++) {
    const ch = short[i];
    while (j < long.length && long[j] !== ch) j++;
    if (j >= long.length) return false;
    j++;
  }
  return true;
}

const abbreviationTable: ReadonlyMap<string, Abbreviation & { words: readonly string[] }> = new Map(
  Object.entries(abbreviations).map(([k, a]) => [k, { ...a, words: a.expansion.split(' ') }]),
);

/** The table entry for a word, if any ("constructor" is not an abbreviation), with its expansion split into words. */
export function abbreviationOf(word: string): (Abbreviation & { words: readonly string[] }) | undefined {
  return abbreviationTable.get(word);
}
