// Enforces the schema's Federation authorization directives inside the subgraph. The SDL says who
// may read a field (`@authenticated`, `@requiresScopes(scopes: [["a", "b"], ["c"]])`: any one
// inner list, all of its scopes); this wraps that field's resolver so a caller without them gets
// `null` and a FORBIDDEN error for that field alone, and the rest of the response still arrives.
// @apollo/gateway does not enforce these directives, so every subgraph does, here, in one place.
import {
  defaultFieldResolver,
  GraphQLError,
  Kind,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from './errors.js';
import type { Viewer } from './viewer.js';

export interface FieldPolicy {
  authenticated: boolean;
  /** Alternatives: the caller needs every scope of at least one inner list. Empty: no scope check. */
  scopes: string[][];
}

/** The policy a list of directives declares, or undefined when it declares none. */
export function policyFromDirectives(directives: readonly ConstDirectiveNode[] | undefined): FieldPolicy | undefined {
  let policy: FieldPolicy | undefined;
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name === 'authenticated' || name === 'federation__authenticated') {
      policy ??= { authenticated: false, scopes: [] };
      policy.authenticated = true;
    } else if (name === 'requiresScopes' || name === 'federation__requiresScopes') {
      policy ??= { authenticated: false, scopes: [] };
      const arg = directive.arguments?.find((a) => a.name.value === 'scopes');
      if (arg) policy.scopes.push(...scopeLists(arg.value));
    }
  }
  return policy;
}

function scopeLists(value: ValueNode): string[][] {
  if (value.kind !== Kind.LIST) return [];
  return value.values.map((inner) =>
    inner.kind === Kind.LIST
      ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))
      : inner.kind === Kind.STRING
        ? [inner.value]
        : [],
  );
}

/** Why `viewer` may not read a field under `policy`, or undefined when it may. */
export function denialReason(policy: FieldPolicy, viewer: Viewer | undefined): string | undefined {
  const authenticated = viewer?.authenticated ?? false;
  if ((policy.authenticated || policy.scopes.length > 0) && !authenticated) return 'requires an authenticated caller';
  if (policy.scopes.length === 0) return undefined;
  const held = new Set(viewer?.scopes ?? []);
  if (policy.scopes.some((all) => all.every((s) => held.has(s)))) return undefined;
  return `requires scope ${policy.scopes.map((all) => all.join(' + ')).join(' or ')}`;
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/**
 * Wraps, in place, the resolver of every field whose definition (or whose parent type's) carries
 * an authorization directive. Returns the `Type.field` coordinates it guarded, for tests and logs.
 */
export function applyAuthorization(schema: GraphQLSchema): string[] {
  const guarded: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    // Not `isObjectType`: @apollo/subgraph builds with the CommonJS copy of graphql, and its
    // instanceof check fails across the two module realms; the tag is the same in both.
    if (Object.prototype.toString.call(type) !== '[object GraphQLObjectType]' || type.name.startsWith('__')) continue;
    if (!('getFields' in type)) continue;
    const typePolicy = policyFromDirectives(type.astNode?.directives);
    const extensionPolicies = (type.extensionASTNodes ?? []).map((n) => policyFromDirectives(n.directives));
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, { viewer?: Viewer }>[]) {
      const policies = [typePolicy, ...extensionPolicies, policyFromDirectives(field.astNode?.directives)].filter(
        (p): p is FieldPolicy => p !== undefined,
      );
      if (policies.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const coordinate = `${type.name}.${field.name}`;
      field.resolve = (source, args, context, info) => {
        for (const policy of policies) {
          const reason = denialReason(policy, context?.viewer);
          if (reason) throw forbidden(`Not allowed to read ${coordinate}: it ${reason}`);
        }
        return resolve(source, args, context, info);
      };
      guarded.push(coordinate);
    }
  }
  return guarded;
}
