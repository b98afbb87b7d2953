/**
 * GraphQL type -> the row type its resolvers receive (`./store/rows.js#TypeRow`), relative to
 * src/__generated__/. codegen.ts at the root reads this.
 */
export const mappers: Record<string, string> = {};
