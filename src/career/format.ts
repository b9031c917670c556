/**
 * Plain-text, CSV and standalone-HTML renderings of career profiles and roster analyses, for
 * the CLI. Pure string functions: the numbers come from profile.ts and roster.ts unchanged.
 */
import { formatDelimited } from '../util/csv.js';
import type { CareerProfile } from './profile.js';
import type { RosterAnalysis } from './roster.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(0)}%`);
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const money = (x: number | null) => (x === null ? 'n/a' : `$${int(x)}`);

export function formatProfile(p: CareerProfile): string {
  const out: string[] = [];
  out.push(`${p.occupation.title} (${p.occupation.code})${p.occupation.confidence !== null ? `, match confidence ${pct(p.occupation.confidence)}` : ''}`);
  for (const n of p.notes) out.push(`  ! ${n}`);
  if (p.matches.length > 1) {
    out.push('', 'Other candidates:');
    for (const m of p.matches.filter((m) => m.code !== p.occupation.code)) out.push(`  ${m.code}  ${m.title}  (${pct(m.confidence)}; matched "${m.matchedOn.text}")`);
  }
  out.push('');
  if (p.exposure) {
    const e = p.exposure;
    out.push(`Exposure (${ratedByText(e.scorer, e.ratedBy)}): beta ${pct(e.beta)} (90% interval ${pct(e.betaInterval.lo)}-${pct(e.betaInterval.hi)}); alpha ${pct(e.alpha)}, gamma ${pct(e.gamma)}`);
    out.push(`  ${e.classLabel}; automation-prone (T3-T4) share of task weight ${pct(e.automation)}, augmentation share ${pct(e.augmentation)}`);
  } else out.push('Exposure: not rated (see note above)');
  const m = p.employment;
  out.push(`Employment ${m.employmentSoc === null ? 'n/a' : int(m.employmentSoc)} (OEWS ${m.oewsYear}${m.employmentNote ? `, ${m.employmentNote}` : ''}), median wage ${money(m.medianWage)}, projected change ${m.growthPct === null ? 'n/a' : `${m.growthPct.toFixed(1)}%`}, ${m.openings === null ? 'n/a' : int(m.openings)} openings a year`);
  if (p.mostExposed.length) {
    out.push('', 'Most exposed tasks:');
    for (const t of p.mostExposed) out.push(`  [${t.exposure}${t.automation ? ` ${t.automation}` : ''}${t.likely ? `, ${t.likely === 'automation' ? 'likely automated' : 'likely augmented'}` : ''}] ${t.text}${modelMark(t)}`);
  }
  if (p.leastExposed.length) {
    out.push('', 'Least exposed tasks:');
    for (const t of p.leastExposed) out.push(`  [${t.exposure}] ${t.text}${modelMark(t)}`);
  }
  if (p.skills.length) {
    out.push('', 'Skills to strengthen:');
    for (const s of p.skills) out.push(`  ${s.name} (${s.domain}): ${s.reason}`);
  }
  if (p.pathways.length) {
    out.push('', 'Transition pathways (score = weighted components, see --json for each):');
    p.pathways.forEach((w, i) => {
      out.push(`  ${i + 1}. ${w.title} (${w.code}) score ${w.score.toFixed(2)}`);
      for (const r of w.reasons) out.push(`       ${r.component.padEnd(10)} ${r.value.toFixed(2)} x ${r.weight.toFixed(2)} = ${r.contribution.toFixed(3)}  ${r.text}`);
      if (w.gaps.length) out.push(`       to build: ${w.gaps.map((g) => g.name).join(', ')}`);
    });
  }
  out.push('', 'Method:', ...p.method.map((x) => `  - ${x}`), 'Sources:', ...p.sources.map((x) => `  - ${x}`));
  return out.join('\n');
}

const modelMark = (t: CareerProfile['mostExposed'][number]) => (t.origin === 'model' ? ' (model estimate)' : '');

/**
 * Who rated an exposure, in words: a scorer's name only over its own ratings (the published
 * labels, or the llm/llama run); the built-in model's estimates say so.
 */
export function ratedByText(scorer: string, ratedBy: NonNullable<CareerProfile['exposure']>['ratedBy']): string {
  const who = scorer === 'gpt4' ? 'GPT-4' : scorer;
  switch (ratedBy) {
    case 'published':
      return `${who} labels`;
    case 'published-occupation':
      return `published ${who} occupation score; its tasks rated by the built-in model`;
    case 'llm':
      return `${who} ratings`;
    case 'model':
      return scorer === 'local' ? 'built-in model estimate' : 'built-in model estimate; the published labels do not cover this occupation';
  }
}

export function formatRosterErrors(a: { errors: RosterAnalysis['errors'] }, file: string): string {
  return a.errors.map((e) => `${file}, row ${e.row}${e.field ? `, field "${e.field}"` : ''}: ${e.message}`).join('\n');
}

export function formatRoster(a: RosterAnalysis): string {
  const t = a.totals;
  const out: string[] = [];
  out.push(`Roster: ${a.rows.length} roles, ${int(t.headcount)} people; ${int(t.analysedHeadcount)} analysed, ${int(t.reviewHeadcount)} to review, ${int(t.unscoredHeadcount)} without ratings; ${a.errors.length} row error(s)`);
  out.push(`Headcount-weighted exposure (beta): ${pct(t.beta)}${t.betaInterval ? ` (90% interval ${pct(t.betaInterval.lo)}-${pct(t.betaInterval.hi)})` : ''}`);
  out.push(`Hours of work exposed: ${int(t.hoursExposed)} of ${int(t.hours)} a year; in automation-prone tasks: ${int(t.hoursAutomationExposed)}`);
  out.push('', 'Roles:');
  for (const r of a.rows) {
    const what = r.status === 'review'
      ? `REVIEW (${r.code ? `best guess ${r.code} ${r.title}, ${pct(r.confidence)}` : 'no occupation matches'}) - not counted`
      : `${r.code} ${r.title} (${r.via === 'soc_code' ? 'soc_code' : pct(r.confidence)})${r.status === 'unscored' ? ' - no exposure ratings' : `  beta ${pct(r.beta)}  ${r.class}`}`;
    out.push(`  row ${r.row}: ${r.jobTitle}${r.department ? ` [${r.department}]` : ''} x${r.headcount}: ${what}`);
  }
  out.push('', 'By class:');
  for (const c of a.byClass) out.push(`  ${c.label}: ${int(c.headcount)} people${c.roles.length ? ` (${c.roles.join(', ')})` : ''}`);
  if (a.redeployment.length) {
    out.push('', 'Redeployment inside the roster:');
    for (const r of a.redeployment) {
      out.push(`  ${r.from.jobTitle} (beta ${pct(r.from.beta)}, ${r.from.headcount}): ${r.options.length ? r.options.map((o) => `${o.jobTitle} (beta ${pct(o.beta)}, score ${o.score.toFixed(2)})`).join('; ') : 'no less-exposed role in the roster'}`);
    }
  }
  if (a.reskilling.length) {
    out.push('', 'Reskilling plan:');
    for (const s of a.reskilling) {
      out.push(`  ${s.jobTitle} x${s.headcount} -> ${s.target.inRoster ? s.target.jobTitle : `${s.target.title} (outside the roster)`}: learn ${s.learn.map((g) => g.name).join(', ') || '-'}; strengthen ${s.strengthen.join(', ') || '-'}`);
    }
  }
  if (a.errors.length) out.push('', 'Row errors:', ...a.errors.map((e) => `  row ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.message}`));
  out.push('', 'Assumptions:', ...a.assumptions.map((x) => `  - ${x}`), 'Method:', ...a.method.map((x) => `  - ${x}`), 'Sources:', ...a.sources.map((x) => `  - ${x}`));
  return out.join('\n');
}

export function rosterCsv(a: RosterAnalysis): string {
  return formatDelimited(
    ['row', 'job_title', 'department', 'headcount', 'status', 'via', 'code', 'occupation', 'confidence', 'beta', 'beta_lo', 'beta_hi', 'automation', 'class', 'hours', 'hours_exposed', 'hours_automation_exposed'],
    a.rows.map((r) => [
      r.row, r.jobTitle, r.department, r.headcount, r.status, r.via, r.code, r.title, r.confidence, r.beta, r.betaInterval?.lo, r.betaInterval?.hi,
      r.automation, r.class, r.hours, r.hoursExposed, r.hoursAutomationExposed,
    ]),
  );
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A standalone page: inline CSS, no scripts, no external resources. */
export function rosterHtml(a: RosterAnalysis, title = 'Workforce exposure'): string {
  const t = a.totals;
  const table = (head: string[], rows: unknown[][], rowClass: (i: number) => string = () => '') =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r, i) => `<tr${rowClass(i) ? ` class="${rowClass(i)}"` : ''}>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const bar = (x: number | null) => (x === null ? '' : `<span class="bar" style="width:${Math.round(x * 100)}px"></span> `);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}
.kpi b{display:block;font-size:1.3rem}.bar{display:inline-block;height:.7rem;background:#d9534f;vertical-align:middle}
.review{background:#fff8e1}.err{color:#a00}small{color:#555}
</style></head><body>
<h1>${esc(title)}</h1>
<p><small>Computed on this machine by jobshift; the roster was not sent anywhere.</small></p>
<div class="kpi">
<div><b>${int(t.headcount)}</b>people in ${a.rows.length} roles</div>
<div><b>${pct(t.beta)}</b>headcount-weighted exposure (beta)${t.betaInterval ? `<br><small>90% interval ${pct(t.betaInterval.lo)}-${pct(t.betaInterval.hi)}</small>` : ''}</div>
<div><b>${int(t.hoursExposed)}</b>hours a year exposed<br><small>of ${int(t.hours)}; ${int(t.hoursAutomationExposed)} in automation-prone tasks</small></div>
<div><b>${int(t.reviewHeadcount)}</b>people in roles to review</div>
</div>
<h2>Roles</h2>
${table(
  ['Row', 'Job title', 'Department', 'Headcount', 'Occupation', 'Mapped by', 'Exposure (beta)', '90% interval', 'Class'],
  a.rows.map((r) => [
    r.row, r.jobTitle, r.department ?? '', r.headcount,
    r.status === 'review' ? (r.code ? `REVIEW: best guess ${r.title} (${r.code})` : 'REVIEW: no occupation matches') : `${r.title} (${r.code})`,
    r.via === 'soc_code' ? 'soc_code' : `title, ${pct(r.confidence)}`,
    r.beta === null ? (r.status === 'unscored' ? 'not rated' : '-') : pct(r.beta),
    r.betaInterval ? `${pct(r.betaInterval.lo)}-${pct(r.betaInterval.hi)}` : '', r.class ?? '',
  ]),
  (i) => (a.rows[i]!.status === 'review' ? 'review' : ''),
)}
<h2>Substitution risk vs augmentation</h2>
${table(['Class', 'People', 'Roles'], a.byClass.map((c) => [c.label, int(c.headcount), c.roles.join(', ')]))}
<h2>Departments</h2>
<table><thead><tr><th>Department</th><th>People</th><th>Exposure (beta)</th></tr></thead><tbody>${a.departments.map((d) => `<tr><td>${esc(d.department)}</td><td>${int(d.headcount)}</td><td>${bar(d.beta)}${pct(d.beta)}</td></tr>`).join('')}</tbody></table>
<h2>Redeployment inside the roster</h2>
${a.redeployment.length ? table(['From', 'Options (less exposed roles, best first)'], a.redeployment.map((r) => [`${r.from.jobTitle} (beta ${pct(r.from.beta)}, ${r.from.headcount} people)`, r.options.map((o) => `${o.jobTitle} - beta ${pct(o.beta)}, score ${o.score.toFixed(2)}${o.gaps.length ? `, to build: ${o.gaps.join(', ')}` : ''}`).join(' | ') || 'none in the roster'])) : '<p>No highly exposed roles.</p>'}
<h2>Reskilling plan</h2>
${a.reskilling.length ? table(['Role', 'People', 'Move to', 'Learn', 'Strengthen'], a.reskilling.map((s) => [s.jobTitle, s.headcount, s.target.inRoster ? `${s.target.jobTitle} (in roster)` : `${s.target.title} (outside the roster)`, s.learn.map((g) => g.name).join(', '), s.strengthen.join(', ')])) : '<p>Nothing to plan.</p>'}
${a.skillDemand.length ? table(['Skill to build', 'Domain', 'People', 'Roles'], a.skillDemand.map((d) => [d.name, d.domain, int(d.headcount), d.roles])) : ''}
${a.errors.length ? `<h2 class="err">Rows not analysed</h2>${table(['Row', 'Field', 'Problem'], a.errors.map((e) => [e.row, e.field ?? '', e.message]))}` : ''}
<h2>Assumptions and method</h2>
<ul>${[...a.assumptions, ...a.method].map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<h2>Sources</h2>
<ul>${a.sources.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
</body></html>
`;
}
