/**
 * The rubric registry: the default is the published text, verbatim (checked against the sha256
 * of the copied passages), with its examples and E0–E3 labels; the modern rewording says what it
 * changes; the automation question is jobshift's and says so; answers are validated per question.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { InputError } from '../util/errors.js';
import { scoreCacheKey } from './llm.js';
import {
  answerJsonSchema,
  AUTOMATION_CAVEAT,
  AUTOMATION_RUBRIC,
  DEFAULT_RUBRIC_ID,
  getRubric,
  parseAnswer,
  RUBRIC_IDS,
  rubricNote,
  rubricsOfRuns,
  rubricSummary,
  runIdFor,
  storedRubricNote,
} from './rubric.js';
import { ANNOTATION_EXAMPLES, PASSAGE_SHA256, RUBRIC_PASSAGE, SOFTWARE_EXAMPLES } from './rubrics/eloundou2023.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('eloundou2023, the default rubric', () => {
  const r = getRubric();

  test('is the default, verbatim, with its sources named by repository, path and commit', () => {
    assert.equal(DEFAULT_RUBRIC_ID, 'eloundou2023');
    assert.equal(r.id, 'eloundou2023');
    assert.equal(r.verbatim, true);
    assert.deepEqual(r.changes, []);
    assert.deepEqual(
      r.sources.map((s) => `${s.repository}/${s.path}@${s.commit}`),
      [
        'fmegahed/ai_msa/code/01_ai_reliability_multiple_models_ai_exposure.py@a1605dda86c1bcc15cd317279742fac6cf1ecae1',
        'danparshall/reproduction-task-exposure/eloundou/prompt.py@1a6118e17c6540e6de4425c4ad2a6ecd9e4cae96',
      ],
    );
  });

  test('the copied passages are unchanged, character for character', () => {
    assert.equal(sha256(RUBRIC_PASSAGE), PASSAGE_SHA256.rubric);
    assert.equal(sha256(SOFTWARE_EXAMPLES), PASSAGE_SHA256.software);
    assert.equal(sha256(ANNOTATION_EXAMPLES), PASSAGE_SHA256.annotation);
    // The system prompt is the three passages as they are, then jobshift's marked answer format.
    assert.ok(r.system.startsWith(`${RUBRIC_PASSAGE}\n\n${SOFTWARE_EXAMPLES}\n\n${ANNOTATION_EXAMPLES}\n\n[Answer format, added by jobshift; not part of the rubric above]`));
  });

  test('the prompt has the published sentences, the E2 software examples and the worked examples', () => {
    for (const phrase of [
      'Consider the most powerful OpenAI large language model (LLM). This model can complete ',
      'captured in 2000 words',
      'Equivalent quality means someone \nreviewing the work would not be able to tell',
      '* E1: Label tasks E1 if direct access to the LLM through an interface like ChatGPT or the OpenAI playground alone',
      '* E2: Label tasks E2 if having access to the LLM alone may not reduce the time',
      '* E3: Suppose you had access to both the LLM and a system that could view, caption, and create images',
      '* E0: Label tasks E0 if none of the above clearly decrease the time',
      'Examples of software built on top of the LLM that may help complete worker activities include:',
      '- Software built for a home goods company',
      '- Software that is able to suggest live responses for customer service agents',
      '- Software built for legal purposes',
      '- Software specifically designed for teachers',
      '- Software that retrieves up-to-date facts from the internet',
      'Occupation: Inspectors, Testers, Sorters, Samplers, and Weighers',
      'Occupation: Computer and Information Research Scientists',
      'Activity: Schedule dining reservations.',
      'Activity: Negotiate purchases or contracts.',
      'Occupation: Allergists and Immunologists',
    ]) {
      assert.ok(r.system.includes(phrase), phrase);
    }
    // Not the modern wording.
    assert.ok(!r.system.includes('most powerful LLM available today'));
    assert.ok(!r.system.includes('ordinary engineering'));
  });

  test('asks for E0–E3 and counts E3 as E2, as the authors do', () => {
    assert.deepEqual([...r.labels], ['E0', 'E1', 'E2', 'E3']);
    assert.deepEqual(r.toExposure, { E0: 'E0', E1: 'E1', E2: 'E2', E3: 'E2' });
    const schema = answerJsonSchema(r).schema as { properties: { exposure: { enum: string[] } }; required: string[] };
    assert.deepEqual(schema.properties.exposure.enum, ['E0', 'E1', 'E2', 'E3']);
    assert.deepEqual(schema.required, ['exposure', 'rationale']);
    assert.deepEqual(parseAnswer(r, '{"exposure":"E3","rationale":"scanning images"}'), { answer: { label: 'E3', rationale: 'scanning images' } });
    assert.match(rubricNote(r), /E3 .* counts as E2/);
  });

  test('the user message puts the task as the annotation examples do', () => {
    assert.equal(r.user({ text: ' Do x. ', title: 'Clerks' }).split('\n').slice(0, 2).join('|'), 'Occupation: Clerks|Task: Do x.');
    assert.ok(!r.user({ text: 'Do x.' }).includes('Occupation'));
  });
});

describe('modern2025 and the automation question', () => {
  test('modern2025 keeps the modern wording, asks E0–E2, and lists what it changes and why', () => {
    const m = getRubric('modern2025');
    assert.equal(m.verbatim, false);
    assert.ok(m.system.includes('Consider the most powerful LLM available today'));
    assert.deepEqual([...m.labels], ['E0', 'E1', 'E2']);
    assert.ok(m.changes.length >= 4);
    for (const c of m.changes) assert.ok(c.change.length > 0 && c.why.length > 0);
    assert.ok(m.changes.some((c) => /available today/.test(c.change) && /drift/.test(c.why)));
    assert.ok(m.changes.some((c) => /E3/.test(c.change)));
    assert.match(rubricNote(m), /^exposure rubric modern2025: .*changes from the published rubric: /);
    // Exposure only: the automation levels are a separate question now.
    assert.ok(!/T4/.test(m.system));
  });

  test("automation is asked with jobshift's own T0–T4 wording, labelled unverified", () => {
    assert.equal(AUTOMATION_CAVEAT, 'unverified: no public source for the T-rubric wording');
    assert.equal(AUTOMATION_RUBRIC.verbatim, false);
    assert.deepEqual([...AUTOMATION_RUBRIC.labels], ['T0', 'T1', 'T2', 'T3', 'T4']);
    assert.ok(AUTOMATION_RUBRIC.system.includes('T4 - Full automation'));
    assert.deepEqual((answerJsonSchema(AUTOMATION_RUBRIC).schema as { required: string[] }).required, ['automation', 'rationale']);
    assert.equal(rubricSummary(getRubric()).automation?.caveat, AUTOMATION_CAVEAT);
  });

  test('an unknown rubric id is an InputError listing the ids', () => {
    assert.deepEqual([...RUBRIC_IDS], ['eloundou2023', 'modern2025']);
    assert.throws(
      () => getRubric('eloundou2024'),
      (err: unknown) => err instanceof InputError && err.message === 'field "rubric": unknown rubric "eloundou2024" (available: eloundou2023, modern2025)',
    );
  });

  test('answers are validated per question, naming the fault', () => {
    const r = getRubric();
    assert.deepEqual(parseAnswer(r, '```json\n{"exposure":"E2","rationale":"r"}\n```'), { answer: { label: 'E2', rationale: 'r' } });
    const bad = parseAnswer(r, '{"exposure":"E5","rationale":"r"}');
    assert.ok('problem' in bad && bad.problem.startsWith('"exposure"'), JSON.stringify(bad));
    const modernE3 = parseAnswer(getRubric('modern2025'), '{"exposure":"E3","rationale":"r"}');
    assert.ok('problem' in modernE3 && modernE3.problem.startsWith('"exposure"'), 'modern2025 has no E3');
    const missing = parseAnswer(AUTOMATION_RUBRIC, '{"exposure":"E1","rationale":"r"}');
    assert.ok('problem' in missing && missing.problem.includes('automation'));
    const notJson = parseAnswer(r, 'I think E1.');
    assert.ok('problem' in notJson && notJson.problem.includes('not JSON'));
  });
});

describe('cache keys and stored runs', () => {
  test('cache keys differ by rubric and by question', () => {
    const task = { text: 'Prepare monthly sales reports.', title: 'Sales Managers' };
    const keys = [getRubric('eloundou2023'), getRubric('modern2025'), AUTOMATION_RUBRIC].map((r) => scoreCacheKey('llm:m@u', 'm', r, task));
    assert.equal(new Set(keys).size, 3);
    assert.equal(scoreCacheKey('llm:m@u', 'm', getRubric(), task), keys[0]);
  });

  test('run ids carry the rubric; the methods note names it, or says it was not recorded', () => {
    const r = getRubric();
    const run = runIdFor('2026-11-20T10:00:00.000Z', r, AUTOMATION_RUBRIC);
    assert.equal(run, `2026-11-20T10:00:00.000Z;exposure:eloundou2023@${r.version};automation:jobshift-automation@${AUTOMATION_RUBRIC.version}`);
    assert.deepEqual(rubricsOfRuns([run, null, run]), [{ id: '', version: '' }, { id: 'eloundou2023', version: r.version }]);
    const note = storedRubricNote([run]);
    assert.match(note, /^exposure rubric eloundou2023: the published GPTs-are-GPTs rubric .*verbatim/);
    assert.ok(note.includes(AUTOMATION_CAVEAT));
    assert.match(storedRubricNote(['2026-01-01T00:00:00.000Z']), /^rubric not recorded/);
    assert.match(storedRubricNote([run, runIdFor('t', getRubric('modern2025'))]), /^mixed rubrics: /);
  });
});
