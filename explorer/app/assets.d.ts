// esbuild's text loader (scripts/build.ts) turns these imports into strings.
declare module '*.graphql' {
  const source: string;
  export default source;
}
declare module '*.css';
