/**
 * Hostile input through the real gateway over the real subgraphs: each case asserts the exact
 * error code, that the server still answers afterwards, and that the answer leaks nothing (no
 * stack, no SQL, no internal URL).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  GATEWAY_TOKEN_HEADER,
  mintGatewayToken,
  PUBLIC_VIEWER,
  resolveInternalSecret,
  SUBGRAPHS,
  envName,
  viewerWith,
} from '@govgraph/core';
import { postGraphQL } from './harness/graphql.js';
import { freePort, startProcess, waitForOk, type ServiceProcess } from '@govgraph/local-stack';
import { bearer, jwtSecret, tokenWith } from './harness/tokens.js';

const gatewayUrl = () => inject('gatewayUrl');
const subgraphUrls = () => inject('subgraphUrls');
const YEAR = { from: '2021-01-01', to: '2021-12-31' };

interface RawAnswer {
  status: number;
  text: string;
  body: any;
  headers: Headers;
}

async function send(url: string, body: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, body: parsed, headers: res.headers };
}

const query = (q: string, variables?: Record<string, unknown>, headers?: Record<string, string>, url = gatewayUrl()) =>
  send(url, JSON.stringify({ query: q, ...(variables ? { variables } : {}) }), headers);

/**
 * Nothing of our internals in an answer: stack frames, SQL, database names, subgraph URLs.
 * `echoed` is the caller's own input, which an error may quote back.
 */
function expectNoLeak(answer: RawAnswer, echoed: string[] = []): void {
  let text = answer.text;
  for (const value of echoed) text = text.split(JSON.stringify(value).slice(1, -1)).join('');
  expect(text).not.toMatch(/stacktrace|\bat [\w.<>]+ \(|\.ts:\d+/i);
  expect(text).not.toMatch(/\bselect\b.+\bfrom\b|sqlite|SQLITE_|kysely|better-sqlite3|syntax error at or near/i);
  for (const url of Object.values(subgraphUrls())) expect(text).not.toContain(new URL(url).host);
  expect(text).not.toMatch(/\/work\/|node_modules/);
}

const codes = (answer: RawAnswer): unknown[] => (answer.body?.errors ?? []).map((e: any) => e.extensions?.code);

/** The gateway still answers a plain public query. */
async function expectAlive(url = gatewayUrl()): Promise<void> {
  const health = await fetch(new URL('/health', url));
  expect(health.status).toBe(200);
  const { status, body } = await postGraphQL(url, '{ departments(first: 1) { totalCount } }');
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.departments.totalCount).toBeGreaterThan(0);
}

async function expectRefused(answer: RawAnswer, status: number, code: string): Promise<void> {
  expect(answer.status, answer.text.slice(0, 500)).toBe(status);
  expect(codes(answer)).toContain(code);
  expectNoLeak(answer);
  await expectAlive();
}

describe('malformed requests', () => {
  it('malformed JSON: 400 BAD_REQUEST', async () => {
    await expectRefused(await send(gatewayUrl(), '{"query": "{ __typename }"'), 400, 'BAD_REQUEST');
  });

  it('a JSON body that is not a GraphQL request: 400 BAD_REQUEST', async () => {
    await expectRefused(await send(gatewayUrl(), JSON.stringify({ hello: 'world' })), 400, 'BAD_REQUEST');
    await expectRefused(await send(gatewayUrl(), JSON.stringify({ query: 42 })), 400, 'BAD_REQUEST');
  });

  it('a batch (JSON array) of operations: 400 BAD_REQUEST', async () => {
    const batch = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    await expectRefused(await send(gatewayUrl(), batch), 400, 'BAD_REQUEST');
  });

  it('a 10 MB query: 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ query: `{ ${'__typename '.repeat(1_000_000)}}` });
    expect(huge.length).toBeGreaterThan(10_000_000);
    // The gateway answers as soon as it sees the declared length, then reads and drops the rest
    // of the body so the answer is not lost to a connection reset while the client still writes.
    const answer = await new Promise<RawAnswer>((resolve, reject) => {
      const req = http.request(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(huge) } });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, body: JSON.parse(text), headers: new Headers(res.headers as Record<string, string>) }));
      });
      req.on('error', (error) => {
        if (!answered) setTimeout(() => !answered && reject(error), 1_000);
      });
      req.end(huge);
    });
    await expectRefused(answer, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a query nested 50 deep: 400 GRAPHQL_VALIDATION_FAILED (depth limit)', async () => {
    const deep = `{ region(code: "440802") { ${'parent { '.repeat(49)}code${' }'.repeat(49)} } }`;
    const answer = await query(deep);
    await expectRefused(answer, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors.map((e: any) => e.message).join(' ')).toMatch(/depth limit of 10 exceeded, found 5\d/i);
  });

  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: region(code: "440802") { code }`).join(' ')} }`;

  it('1000 aliases: 400 GRAPHQL_PARSE_FAILED (token limit, before the alias count is even reached)', async () => {
    const answer = await query(aliased(1000));
    await expectRefused(answer, 400, 'GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors[0].message).toMatch(/more than 5000 tokens|more that 5000 tokens/i);
  });

  it('100 aliases, few enough tokens: 400 GRAPHQL_VALIDATION_FAILED (alias limit)', async () => {
    const answer = await query(aliased(100));
    await expectRefused(answer, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors.map((e: any) => e.message).join(' ')).toMatch(/aliases limit of 50 exceeded, found 100/i);
  });

  it('a fragment cycle: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const cycle = 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }';
    await expectRefused(await query(cycle), 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('an unknown operation name: 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const answer = await send(gatewayUrl(), JSON.stringify({ query: 'query A { __typename }', operationName: 'Nope' }));
    await expectRefused(answer, 400, 'OPERATION_RESOLUTION_FAILURE');
  });

  it('variables of the wrong type: 400 BAD_USER_INPUT', async () => {
    const answer = await query('query ($first: Int) { departments(first: $first) { totalCount } }', { first: 'all of them' });
    await expectRefused(answer, 400, 'BAD_USER_INPUT');
  });

  it('an out-of-range page size: BAD_USER_INPUT for that field only', async () => {
    for (const first of [0, 201, -1, 100_000]) {
      const answer = await query('query ($first: Int) { departments(first: $first) { totalCount } }', { first });
      expect(answer.status).toBe(200);
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.body.data.departments).toBeNull();
      expectNoLeak(answer);
    }
    await expectAlive();
  });
});

describe('SQL meta-characters and very long strings in every string filter', () => {
  const HOSTILE = [
    "' OR '1'='1",
    "'; DROP TABLE work_orders; --",
    '" OR ""="',
    '%',
    '_',
    '\\',
    '%_%\\\'"`;--/*',
    '\u0000',
    '张\'; select * from sqlite_master; --',
    'x'.repeat(100_000),
  ];
  // Each filter with a value of this shape. Free-text filters must match literally (no name
  // contains these strings, so zero results); code filters must refuse with BAD_USER_INPUT.
  const CASES: { name: string; q: string; free: boolean; scope?: string; total: (d: any) => number }[] = [
    { name: 'ServiceItemFilter.nameContains', q: 'query ($v: String) { serviceItems(filter: { nameContains: $v }) { totalCount } }', free: true, total: (d) => d.serviceItems.totalCount },
    { name: 'ServiceItemFilter.departmentCode', q: 'query ($v: ID) { serviceItems(filter: { departmentCode: $v }) { totalCount } }', free: false, total: (d) => d.serviceItems.totalCount },
    { name: 'ServiceItemFilter.regionCode', q: 'query ($v: ID) { serviceItems(filter: { regionCode: $v }) { totalCount } }', free: false, total: (d) => d.serviceItems.totalCount },
    { name: 'ApplicationFilter.departmentCode', q: 'query ($v: ID) { applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", departmentCode: $v }) { handled } }', free: false, total: (d) => d.applicationStatistics.handled },
    { name: 'ApplicationFilter.itemCode', q: 'query ($v: ID) { applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", itemCode: $v }) { handled } }', free: false, total: (d) => d.applicationStatistics.handled },
    { name: 'CertificateTypeFilter.nameContains', q: 'query ($v: String) { certificateTypes(filter: { nameContains: $v }) { totalCount } }', free: true, total: (d) => d.certificateTypes.totalCount },
    { name: 'CertificateTypeFilter.departmentCode', q: 'query ($v: ID) { certificateTypes(filter: { departmentCode: $v }) { totalCount } }', free: false, total: (d) => d.certificateTypes.totalCount },
    { name: 'IssuanceFilter.typeCode', q: 'query ($v: ID) { issuanceStatistics(filter: { from: "2021-01-01", to: "2021-12-31", typeCode: $v }) { issued } }', free: false, total: (d) => d.issuanceStatistics.issued },
    { name: 'IssuanceFilter.departmentCode', q: 'query ($v: ID) { issuanceStatistics(filter: { from: "2021-01-01", to: "2021-12-31", departmentCode: $v }) { issued } }', free: false, total: (d) => d.issuanceStatistics.issued },
    { name: 'BusinessSystemFilter.nameContains', q: 'query ($v: String) { businessSystems(filter: { nameContains: $v }) { totalCount } }', free: true, scope: 'cloud:read', total: (d) => d.businessSystems.totalCount },
    { name: 'BusinessSystemFilter.departmentCode', q: 'query ($v: ID) { businessSystems(filter: { departmentCode: $v }) { totalCount } }', free: false, scope: 'cloud:read', total: (d) => d.businessSystems.totalCount },
    { name: 'HotlineFilter.regionCode', q: 'query ($v: ID) { hotlineStatistics(filter: { from: "2021-01-01", to: "2021-12-31", regionCode: $v }) { received } }', free: false, total: (d) => d.hotlineStatistics.received },
    { name: 'HotlineFilter.departmentCode', q: 'query ($v: ID) { hotlineStatistics(filter: { from: "2021-01-01", to: "2021-12-31", departmentCode: $v }) { received } }', free: false, total: (d) => d.hotlineStatistics.received },
    { name: 'HotlineFilter.itemCode', q: 'query ($v: ID) { hotlineStatistics(filter: { from: "2021-01-01", to: "2021-12-31", itemCode: $v }) { received } }', free: false, total: (d) => d.hotlineStatistics.received },
  ];

  it.each(CASES)('$name', async ({ q, free, scope, total }) => {
    const headers = scope ? await bearer(scope) : {};
    for (const value of HOSTILE) {
      const answer = await query(q, { v: value }, headers);
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
      expectNoLeak(answer, [value]);
      if (free && value.length <= 100) {
        // Literal matching: nothing contains these strings, and the database did not complain.
        expect(answer.body.errors, `${JSON.stringify(value.slice(0, 40))}: ${answer.text.slice(0, 300)}`).toBeUndefined();
        expect(total(answer.body.data)).toBe(0);
      } else {
        // An unknown code, or a search longer than the 100 characters a name search may be.
        expect(codes(answer), JSON.stringify(value.slice(0, 40))).toEqual(['BAD_USER_INPUT']);
      }
    }
    await expectAlive();
  });

  it('free-text filters still match what they should (the control)', async () => {
    const answer = await query('{ serviceItems(filter: { nameContains: "登记" }) { totalCount } }');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.serviceItems.totalCount).toBeGreaterThan(0);
  });
});

describe('caller tokens', () => {
  const secretKey = () => new TextEncoder().encode(jwtSecret());
  const now = () => Math.floor(Date.now() / 1000);
  const signed = () =>
    new SignJWT({ scope: 'workorders:read:all workorders:read pii:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('govgraph-dev')
      .setAudience('govgraph')
      .setSubject('mallory');
  const ASK = '{ departments(first: 1) { totalCount } }';
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it.each([
    ['expired', async () => signed().setIssuedAt(now() - 7200).setExpirationTime(now() - 3600).sign(secretKey()), /expired/],
    ['not yet valid', async () => signed().setNotBefore(now() + 3600).setExpirationTime(now() + 7200).sign(secretKey()), /not valid yet/],
    ['wrongly signed', async () => signed().setExpirationTime('1h').sign(new TextEncoder().encode('not-the-gateway-secret-but-long-enough')), /signature/],
    ['for another audience', async () => tokenWith('pii:read', { audience: 'another-system' }), /audience/],
    ['alg: none', async () => new UnsecuredJWT({ scope: 'pii:read' }).setIssuer('govgraph-dev').setAudience('govgraph').setExpirationTime('1h').encode(), /algorithm|malformed/],
  ] as const)('a token %s: 401 UNAUTHENTICATED', async (_label, make, reason) => {
    const answer = await query(ASK, undefined, auth(await make()));
    await expectRefused(answer, 401, 'UNAUTHENTICATED');
    expect(answer.body.errors[0].message).toMatch(reason);
    expect(answer.body.data ?? null).toBeNull();
  });

  it('a valid token is accepted', async () => {
    const answer = await query(ASK, undefined, await bearer('pii:read'));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('who may read work orders', () => {
  let departments: string[];
  beforeAll(async () => {
    const { body } = await postGraphQL(
      gatewayUrl(),
      'query ($f: HotlineFilter!) { hotlineBreakdown(filter: $f, by: DEPARTMENT) { key statistics { received } } }',
      { f: YEAR },
    );
    departments = body.data.hotlineBreakdown
      .filter((g: any) => g.statistics.received > 0)
      .sort((a: any, b: any) => b.statistics.received - a.statistics.received)
      .map((g: any) => g.key);
    expect(departments.length).toBeGreaterThan(1);
  });
  const LIST = `query ($f: HotlineFilter!) {
    workOrders(filter: $f, first: 20) { totalCount edges { node { id department { code } callerName callerPhone } } }
    hotlineStatistics(filter: $f) { received }
  }`;

  it("a department user asking for another department's work orders: FORBIDDEN, the rest still answered", async () => {
    const [own, other] = departments;
    const headers = await bearer('workorders:read pii:read', { dept: own! });
    const answer = await query(LIST, { f: { ...YEAR, departmentCode: other } }, headers);
    expect(answer.status).toBe(200);
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect(answer.body.data.workOrders).toBeNull();
    expect(answer.body.data.hotlineStatistics.received).toBeGreaterThan(0);
    expectNoLeak(answer);

    const mine = await query(LIST, { f: YEAR }, headers);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data.workOrders.edges.length).toBeGreaterThan(0);
    expect(mine.body.data.workOrders.edges.every((e: any) => e.node.department?.code === own)).toBe(true);
    expect(mine.body.data.workOrders.totalCount).toBeLessThan(mine.body.data.hotlineStatistics.received);
    await expectAlive();
  });

  it('a public caller asking for caller phones gets none: work orders FORBIDDEN, aggregates answered', async () => {
    const answer = await query(LIST, { f: YEAR });
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect(answer.body.data).toMatchObject({ workOrders: null, hotlineStatistics: { received: expect.any(Number) } });
    expect(answer.text).not.toMatch(/callerPhone/);
    await expectAlive();
  });

  it('a caller without pii:read sees callers masked; with it, in full', async () => {
    const masked = await query(LIST, { f: YEAR }, await bearer('workorders:read workorders:read:all'));
    expect(masked.body.errors).toBeUndefined();
    for (const { node } of masked.body.data.workOrders.edges) {
      expect(node.callerPhone).toMatch(/^\d{3}\*{4,}\d{4}$/);
      expect(node.callerName).toMatch(/^.\*+$/u);
    }
    expect(masked.text).not.toMatch(/"callerPhone":"\d{11}"/);
    const full = await query(LIST, { f: YEAR }, await bearer('workorders:read workorders:read:all pii:read'));
    expect(full.body.data.workOrders.edges[0].node.callerPhone).toMatch(/^\d{11}$|^\d{3,4}-?\d{7,8}$/);
  });
});

describe('subgraphs called directly, past the gateway', () => {
  const ASK = '{ __typename }';
  const internalSecret = () => resolveInternalSecret();

  it.each(SUBGRAPHS.map((s) => s.name))('%s: no, forged, misdirected and replayed credentials are refused', async (name) => {
    const url = subgraphUrls()[name]!;
    const refuse = async (answer: RawAnswer, reason: RegExp) => {
      expect(answer.status, answer.text).toBe(401);
      expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
      expect(answer.body.errors[0].message).toMatch(reason);
      expectNoLeak(answer);
    };
    await refuse(await query(ASK, undefined, {}, url), /gateway/);
    const forged = await mintGatewayToken({
      audience: name,
      viewer: viewerWith(['pii:read', 'workorders:read:all']),
      requestId: randomUUID(),
      secret: new TextEncoder().encode('a-forger-does-not-know-the-real-secret'),
    });
    await refuse(await query(ASK, undefined, { [GATEWAY_TOKEN_HEADER]: forged }, url), /invalid/);
    const elsewhere = SUBGRAPHS.find((s) => s.name !== name)!.name;
    const misdirected = await mintGatewayToken({ audience: elsewhere, viewer: PUBLIC_VIEWER, requestId: 'r', secret: internalSecret() });
    await refuse(await query(ASK, undefined, { [GATEWAY_TOKEN_HEADER]: misdirected }, url), /invalid/);

    const genuine = await mintGatewayToken({ audience: name, viewer: PUBLIC_VIEWER, requestId: 'r', secret: internalSecret() });
    const first = await query(ASK, undefined, { [GATEWAY_TOKEN_HEADER]: genuine }, url);
    expect(first.status).toBe(200);
    expect(first.body.data).toBeDefined();
    await refuse(await query(ASK, undefined, { [GATEWAY_TOKEN_HEADER]: genuine }, url), /already used/);

    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    await expectAlive();
  });
});

describe('a gateway in production, with a low rate limit', () => {
  let gateway: ServiceProcess;
  let url: string;
  const LIMIT = 12;

  beforeAll(async () => {
    const port = await freePort();
    const overrides = Object.fromEntries(
      Object.entries(subgraphUrls()).map(([name, sub]) => [`GOVGRAPH_SUBGRAPH_${envName(name)}_URL`, sub]),
    );
    gateway = startProcess('gateway-production', 'gateway/src/main.ts', {
      ...overrides,
      NODE_ENV: 'production',
      GATEWAY_PORT: String(port),
      GOVGRAPH_RATE_LIMIT_PER_MINUTE: String(LIMIT),
    });
    url = `http://127.0.0.1:${port}/graphql`;
    await waitForOk(`http://127.0.0.1:${port}/health`, gateway, 60_000);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('refuses introspection, suggests no field names, and masks errors to code, message and request id', async () => {
    const introspection = await query('{ __schema { queryType { name } } }', undefined, {}, url);
    expect(introspection.status).toBe(400);
    expect(codes(introspection)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const typo = await query('{ departmentz(first: 1) { totalCount } }', undefined, {}, url);
    expect(typo.status).toBe(400);
    expect(typo.text).not.toMatch(/Did you mean/);

    const forbidden = await query('{ businessSystems(first: 1) { totalCount } }', undefined, { 'x-request-id': 'prod-sec-1' }, url);
    expect(forbidden.body.errors[0]).toEqual({
      message: expect.stringMatching(/Query\.businessSystems/),
      path: ['businessSystems'],
      extensions: { code: 'FORBIDDEN', requestId: 'prod-sec-1', serviceName: 'cloud' },
    });
    expectNoLeak(forbidden);
  });

  it('a burst past the rate limit: 429 RATE_LIMITED with Retry-After, then still up for others', async () => {
    const answers: RawAnswer[] = [];
    for (let i = 0; i < LIMIT + 5; i++) answers.push(await query('{ __typename }', undefined, {}, url));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(answers.filter((a) => a.status !== 429).every((a) => a.status === 200)).toBe(true);
    expect(codes(limited[0]!)).toEqual(['RATE_LIMITED']);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expectNoLeak(limited[0]!);
    // Another client (a token subject) has its own budget.
    const other = await query('{ __typename }', undefined, await bearer('', { sub: 'someone-else' }), url);
    expect(other.status).toBe(200);
    expect((await fetch(new URL('/health', url))).status).toBe(200);
  });
});
