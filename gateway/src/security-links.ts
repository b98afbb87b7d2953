// @apollo/gateway (2.14) refuses a supergraph that links a spec `for: SECURITY` it does not
// implement ("is for: SECURITY but is unsupported"), which is what composition writes for
// `@authenticated` and `@requiresScopes`. Those directives are enforced by the subgraphs (see
// @govgraph/core authorization.ts), so the gateway may treat them as plain metadata: this drops the
// `for: SECURITY` purpose from their `@link`s in the copy the gateway loads. The committed file
// stays the standard composition output, so routers that enforce them natively can run it as is.
import { Kind, visit, type DocumentNode } from 'graphql';

/** Specs whose `for: SECURITY` the gateway may ignore because the subgraphs enforce them. */
export const SUBGRAPH_ENFORCED_SPECS = [
  'https://specs.apollo.dev/authenticated/',
  'https://specs.apollo.dev/requiresScopes/',
  'https://specs.apollo.dev/policy/',
];

function isSubgraphEnforced(url: string): boolean {
  return SUBGRAPH_ENFORCED_SPECS.some((prefix) => url.startsWith(prefix));
}

/** The document with `for: SECURITY` removed from the `@link`s of subgraph-enforced specs. */
export function withoutSecurityPurpose(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = node.arguments?.find((a) => a.name.value === 'url');
      if (url?.value.kind !== Kind.STRING || !isSubgraphEnforced(url.value.value)) return undefined;
      const purpose = node.arguments?.find((a) => a.name.value === 'for');
      if (purpose?.value.kind !== Kind.ENUM || purpose.value.value !== 'SECURITY') return undefined;
      return { ...node, arguments: node.arguments?.filter((a) => a !== purpose) };
    },
  });
}
