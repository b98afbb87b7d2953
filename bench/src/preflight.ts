// Before any timing: each scenario once against each target, so a run never measures how fast a
// target fails. A target that answers wrongly is left out of that scenario and said so.
import type { Scenario } from './scenarios.js';

export interface PreflightOutcome {
  ok: boolean;
  /** Why not, for the person running the benchmark. */
  problem?: string;
}

/** Judges one answer: HTTP 200, a JSON body with data, no errors, and the scenario's own check. */
export function judgeAnswer(scenario: Scenario, status: number, text: string): PreflightOutcome {
  let body: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { ok: false, problem: `HTTP ${status}, not JSON: ${text.slice(0, 300)}` };
  }
  if (body.errors?.length) {
    const shown = body.errors.slice(0, 3).map((e) => `${e.message ?? '?'}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`);
    return { ok: false, problem: `HTTP ${status}, ${body.errors.length} error(s): ${shown.join('; ')}` };
  }
  if (status !== 200) return { ok: false, problem: `HTTP ${status}: ${text.slice(0, 300)}` };
  if (body.data === undefined || body.data === null) return { ok: false, problem: 'no data in the answer' };
  const wrong = scenario.check?.(body.data);
  return wrong === undefined ? { ok: true } : { ok: false, problem: wrong };
}

export async function preflight(scenario: Scenario, url: string, body: string, headers: Record<string, string>): Promise<PreflightOutcome> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
    return judgeAnswer(scenario, response.status, await response.text());
  } catch (error) {
    return { ok: false, problem: `no answer: ${(error as Error).message}` };
  }
}
