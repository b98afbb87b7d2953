// Who is asking: the verified caller as the gateway saw it, handed to every subgraph resolver as
// `context.viewer`. Built only from a verified token (see gateway-credentials.ts), never from a
// header a client could set.

/** The claims of a verified caller. A caller without a token is `PUBLIC_VIEWER`. */
export interface Viewer {
  /** The token's `sub`; null for the public. */
  sub: string | null;
  /** True when the caller presented a valid bearer token at the gateway. */
  authenticated: boolean;
  roles: readonly string[];
  scopes: readonly string[];
  /** Department credit code (统一社会信用代码) for department staff, from the `dept` claim. */
  dept: string | null;
}

export const PUBLIC_ROLE = 'public';

export const PUBLIC_VIEWER: Viewer = Object.freeze({
  sub: null,
  authenticated: false,
  roles: Object.freeze([PUBLIC_ROLE]),
  scopes: Object.freeze([]),
  dept: null,
});

/** The scopes the schema and the resolvers check; see README "Roles and scopes". */
export const Scope = {
  WORKORDERS_READ: 'workorders:read',
  WORKORDERS_READ_ALL: 'workorders:read:all',
  PII_READ: 'pii:read',
  CLOUD_READ: 'cloud:read',
  /** Import runs and quarantined records, and re-running them (the `<subgraph>Imports` fields). */
  IMPORTS_ADMIN: 'imports:admin',
} as const;

/** A signed-in viewer with these scopes: for tests and tools that act as a known caller. */
export function viewerWith(scopes: readonly string[], options: { sub?: string; dept?: string; roles?: string[] } = {}): Viewer {
  return {
    sub: options.sub ?? 'test',
    authenticated: true,
    roles: options.roles ?? ['user'],
    scopes: [...scopes],
    dept: options.dept ?? null,
  };
}

/** Every scope the schema knows: what in-process tests of a subgraph run as unless they say otherwise. */
export const ALL_SCOPES: readonly string[] = Object.values(Scope);

export function hasScope(viewer: Viewer | undefined, scope: string): boolean {
  return viewer?.scopes.includes(scope) ?? false;
}

/** `scope` claims are space-separated (RFC 8693); arrays are accepted too. */
export function parseScopes(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s.length > 0);
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string' && s.length > 0);
  return [];
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.length > 0 ? [value] : [];
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string' && s.length > 0);
  return [];
}

/** A viewer from verified JWT claims (`sub`, `roles`, `scope`, `dept`). */
export function viewerFromClaims(claims: Record<string, unknown>): Viewer {
  const roles = stringList(claims.roles);
  return {
    sub: typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null,
    authenticated: true,
    roles: roles.length > 0 ? roles : ['user'],
    scopes: parseScopes(claims.scope),
    dept: typeof claims.dept === 'string' && claims.dept.length > 0 ? claims.dept : null,
  };
}

/** `13812341234` → `138****1234`: enough to recognise a number, not to call it. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(Math.max(4, phone.length - 7))}${phone.slice(-4)}`;
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`: the family name only. */
export function maskName(name: string | null | undefined): string | null {
  if (name == null) return null;
  const chars = [...name];
  if (chars.length === 0) return name;
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
