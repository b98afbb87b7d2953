import { describe, expect, it } from 'vitest';
import { judgeAnswer } from './preflight.js';
import { SCENARIOS } from './scenarios.js';

describe('judgeAnswer', () => {
  const single = SCENARIOS.single;

  it('accepts a 200 with the expected data and no errors', () => {
    expect(judgeAnswer(single, 200, JSON.stringify({ data: { hotlineStatistics: { received: 652_000 } } }))).toEqual({ ok: true });
  });

  it('prints the errors of an answer that has them, whatever its status', () => {
    const body = JSON.stringify({ data: null, errors: [{ message: 'Gateway credentials are missing', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(judgeAnswer(single, 401, body)).toEqual({ ok: false, problem: 'HTTP 401, 1 error(s): Gateway credentials are missing (UNAUTHENTICATED)' });
    expect(judgeAnswer(single, 200, JSON.stringify({ data: { hotlineStatistics: null }, errors: [{ message: 'x' }] })).ok).toBe(false);
  });

  it('refuses no data, a body that is not JSON, and data that fails the scenario check', () => {
    expect(judgeAnswer(single, 200, '{"data":null}')).toEqual({ ok: false, problem: 'no data in the answer' });
    expect(judgeAnswer(single, 502, 'Bad Gateway').problem).toMatch(/^HTTP 502, not JSON/);
    expect(judgeAnswer(single, 200, JSON.stringify({ data: { hotlineStatistics: { received: 10 } } })).problem).toMatch(/expected 652000/);
    expect(judgeAnswer(SCENARIOS.scorecard, 200, JSON.stringify({ data: { departments: { edges: [] } } })).problem).toMatch(/expected 68 departments, got 0/);
  });
});
