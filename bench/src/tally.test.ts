import { describe, expect, it } from 'vitest';
import { graphqlErrorIn, ResponseTally } from './tally.js';

describe('graphqlErrorIn', () => {
  it('passes a clean answer, including one whose data merely mentions errors', () => {
    expect(graphqlErrorIn('{"data":{"hotlineStatistics":{"received":652000}}}')).toBeUndefined();
    expect(graphqlErrorIn('{"data":{"note":"no \\"errors\\" here"}}')).toBeUndefined();
    expect(graphqlErrorIn('{"data":{"x":1},"errors":[]}')).toBeUndefined();
  });

  it('names the first error of an answer that has some, with its code', () => {
    const body = JSON.stringify({ data: { a: null }, errors: [{ message: 'Subgraph "cloud" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, { message: 'second' }] });
    expect(graphqlErrorIn(body)).toBe('Subgraph "cloud" is unavailable (SUBGRAPH_UNAVAILABLE)');
  });

  it('counts a body that is not JSON', () => {
    expect(graphqlErrorIn('<html>Bad gateway</html>')).toMatch(/not a JSON object/);
    expect(graphqlErrorIn('{"errors": [truncated')).toMatch(/not JSON/);
  });
});

describe('ResponseTally', () => {
  it('counts non-2xx answers and errors in 2xx bodies once each, keeping a sample', () => {
    const tally = new ResponseTally();
    tally.response(200, 3.5);
    expect(tally.body('{"data":{"a":1}}')).toBe(true);
    tally.response(200, 4);
    tally.body('{"data":null,"errors":[{"message":"boom"}]}');
    tally.response(503, 10);
    tally.body('{"errors":[{"message":"down"}]}');
    tally.response(200, 2);
    tally.body('{"data":{"a":1}}');
    expect(tally.result).toEqual({ responses: 4, non2xx: 1, graphqlErrors: 1, sampleFailure: 'boom' });
    expect(tally.latenciesMs).toEqual([3.5, 4, 10, 2]);
  });

  it('shows the body of a failing status when that is the first failure', () => {
    const tally = new ResponseTally();
    tally.response(429, 1);
    tally.body('{"errors":[{"message":"slow down"}]}');
    expect(tally.result.sampleFailure).toMatch(/^HTTP 429: .*slow down/);
  });
});
