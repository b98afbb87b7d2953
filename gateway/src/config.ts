// Gateway settings from the command line and the environment. Pure: takes argv and env as
// arguments so tests can call it without touching the process.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveInternalSecret } from '@govgraph/core';
import { loadAuthConfig, type AuthConfig } from './auth.js';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from './rate-limit.js';
import { DEFAULT_QUERY_PLAN_CACHE_MIB } from './query-plan-cache.js';
import { DEFAULT_MEMORY_CACHE_MIB, type ResponseCacheMode } from './cache-backend.js';
import { DEFAULT_HEAP_GROWING_PERCENT } from './heap-growth.js';

/** `<repo>/schema/supergraph.graphql`, found from this file rather than the working directory. */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
export const DEFAULT_GATEWAY_PORT = 4000;
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;
export const DEFAULT_READY_TIMEOUT_MS = 2_000;
export const DEFAULT_OPERATION_TIMEOUT_MS = 60_000;

export interface GatewayConfig {
  supergraphPath: string;
  port: number;
  /** undefined: the HTTP adapter's default (HOST env, else 127.0.0.1). */
  host: string | undefined;
  production: boolean;
  introspection: boolean;
  subgraphTimeoutMs: number;
  readyTimeoutMs: number;
  /** Keyed by the subgraph's env name (see `subgraphEnvName`), e.g. `SERVICE_ITEMS`. */
  subgraphUrlOverrides: Record<string, string>;
  auth: AuthConfig;
  /** GOVGRAPH_INTERNAL_SECRET: signs the gateway's credentials to the subgraphs. */
  internalSecret: Uint8Array;
  rateLimitPerMinute: number;
  operationTimeoutMs: number;
  /** GOVGRAPH_RESPONSE_CACHE: where responses are cached, or `off`. */
  responseCache: ResponseCacheMode;
  /** GOVGRAPH_REDIS_URL: the Redis that holds responses, persisted queries and generations. */
  redisUrl: string | undefined;
  /** GOVGRAPH_MEMORY_CACHE_MB: bound on the in-memory response and persisted-query cache. */
  memoryCacheMiB: number;
  /** GOVGRAPH_QUERY_PLAN_CACHE_MB: bound on the query plan cache. */
  queryPlanCacheMiB: number;
  /** GOVGRAPH_SUBGRAPH_DEDUP: share identical subgraph fetches that are in flight at once. */
  dedupSubgraphFetches: boolean;
  /** GOVGRAPH_HEAP_GROWING_PERCENT: V8 heap growth between full GCs (see heap-growth.ts); 0 = V8's own. */
  heapGrowingPercent: number;
}

export type Env = Record<string, string | undefined>;

const SUBGRAPH_URL_ENV = /^GOVGRAPH_SUBGRAPH_([A-Z0-9_]+)_URL$/;

/**
 * How a subgraph is named in the environment: its join__Graph enum value, upper-cased, with every
 * run of characters other than letters and digits as `_` (`service_items` -> `SERVICE_ITEMS`).
 */
export function subgraphEnvName(graphEnumValue: string): string {
  return graphEnumValue.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function subgraphUrlEnvVar(graphEnumValue: string): string {
  return `GOVGRAPH_SUBGRAPH_${subgraphEnvName(graphEnumValue)}_URL`;
}

function parsePort(value: string, source: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${source} must be a port number between 0 and 65535, got "${value}"`);
  }
  return port;
}

function parsePositive(value: string | undefined, fallback: number, source: string, unit: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${source} must be a positive number of ${unit}, got "${value}"`);
  return number;
}

function parseWholeNumber(value: string | undefined, fallback: number, source: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number)) throw new Error(`${source} must be a whole number >= 0, got "${value}"`);
  return number;
}

function parsePositiveMs(value: string | undefined, fallback: number, source: string): number {
  return parsePositive(value, fallback, source, 'milliseconds');
}

const RESPONSE_CACHE_MODES: readonly ResponseCacheMode[] = ['off', 'memory', 'redis'];

/**
 * GOVGRAPH_RESPONSE_CACHE (`off`, `memory` or `redis`); unset means Redis when GOVGRAPH_REDIS_URL
 * is set, memory otherwise.
 */
export function responseCacheFromEnv(env: Env): { responseCache: ResponseCacheMode; redisUrl: string | undefined } {
  const redisUrl = env.GOVGRAPH_REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(redisUrl);
    } catch {
      throw new Error(`GOVGRAPH_REDIS_URL is not a valid URL: "${redisUrl}"`);
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      throw new Error(`GOVGRAPH_REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl}"`);
    }
  }
  const requested = env.GOVGRAPH_RESPONSE_CACHE?.trim().toLowerCase() || undefined;
  if (requested === undefined) return { responseCache: redisUrl ? 'redis' : 'memory', redisUrl };
  if (!RESPONSE_CACHE_MODES.includes(requested as ResponseCacheMode)) {
    throw new Error(`GOVGRAPH_RESPONSE_CACHE must be one of ${RESPONSE_CACHE_MODES.join(', ')}, got "${env.GOVGRAPH_RESPONSE_CACHE}"`);
  }
  if (requested === 'redis' && !redisUrl) throw new Error('GOVGRAPH_RESPONSE_CACHE=redis needs GOVGRAPH_REDIS_URL');
  return { responseCache: requested as ResponseCacheMode, redisUrl };
}

function parseSwitch(value: string | undefined, fallback: boolean, source: string): boolean {
  const normalized = value?.trim().toLowerCase();
  if (normalized === undefined || normalized === '') return fallback;
  if (['on', 'true', '1'].includes(normalized)) return true;
  if (['off', 'false', '0'].includes(normalized)) return false;
  throw new Error(`${source} must be on or off, got "${value}"`);
}

/** Collects every `GOVGRAPH_SUBGRAPH_<NAME>_URL`, checking each is an http(s) URL. */
export function subgraphUrlOverridesFromEnv(env: Env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = SUBGRAPH_URL_ENV.exec(key);
    if (!match || value === undefined || value.trim() === '') continue;
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      throw new Error(`${key} is not a valid URL: "${value}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${key} must be an http(s) URL, got "${value}"`);
    }
    overrides[match[1]!] = url.toString();
  }
  return overrides;
}

export function loadGatewayConfig(argv: readonly string[] = process.argv.slice(2), env: Env = process.env): GatewayConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      supergraph: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });

  const supergraph = values.supergraph ?? env.GOVGRAPH_SUPERGRAPH;
  const production = env.NODE_ENV === 'production';
  const port = values.port !== undefined
    ? parsePort(values.port, '--port')
    : env.GATEWAY_PORT
      ? parsePort(env.GATEWAY_PORT, 'GATEWAY_PORT')
      : DEFAULT_GATEWAY_PORT;

  return {
    // A relative path given by a person is relative to where they typed it.
    supergraphPath: supergraph ? path.resolve(supergraph) : DEFAULT_SUPERGRAPH_PATH,
    port,
    host: values.host ?? undefined,
    production,
    introspection: !production || env.GOVGRAPH_INTROSPECTION === 'true',
    subgraphTimeoutMs: parsePositiveMs(env.GOVGRAPH_SUBGRAPH_TIMEOUT_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS, 'GOVGRAPH_SUBGRAPH_TIMEOUT_MS'),
    readyTimeoutMs: parsePositiveMs(env.GOVGRAPH_READY_TIMEOUT_MS, DEFAULT_READY_TIMEOUT_MS, 'GOVGRAPH_READY_TIMEOUT_MS'),
    subgraphUrlOverrides: subgraphUrlOverridesFromEnv(env),
    auth: loadAuthConfig(env, production),
    internalSecret: resolveInternalSecret(env),
    rateLimitPerMinute: parsePositiveMs(env.GOVGRAPH_RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT_PER_MINUTE, 'GOVGRAPH_RATE_LIMIT_PER_MINUTE'),
    operationTimeoutMs: parsePositiveMs(env.GOVGRAPH_OPERATION_TIMEOUT_MS, DEFAULT_OPERATION_TIMEOUT_MS, 'GOVGRAPH_OPERATION_TIMEOUT_MS'),
    ...responseCacheFromEnv(env),
    memoryCacheMiB: parsePositive(env.GOVGRAPH_MEMORY_CACHE_MB, DEFAULT_MEMORY_CACHE_MIB, 'GOVGRAPH_MEMORY_CACHE_MB', 'MiB'),
    queryPlanCacheMiB: parsePositive(env.GOVGRAPH_QUERY_PLAN_CACHE_MB, DEFAULT_QUERY_PLAN_CACHE_MIB, 'GOVGRAPH_QUERY_PLAN_CACHE_MB', 'MiB'),
    dedupSubgraphFetches: parseSwitch(env.GOVGRAPH_SUBGRAPH_DEDUP, true, 'GOVGRAPH_SUBGRAPH_DEDUP'),
    heapGrowingPercent: parseWholeNumber(env.GOVGRAPH_HEAP_GROWING_PERCENT, DEFAULT_HEAP_GROWING_PERCENT, 'GOVGRAPH_HEAP_GROWING_PERCENT'),
  };
}
