// What the server tells the page: read from a JSON <script> block that `src/serve.ts` renders,
// so the page needs no inline script (the Content-Security-Policy allows none).

export interface ExplorerConfig {
  /** Where operations are POSTed, e.g. `/graphql`. */
  graphqlPath: string;
  title: string;
  /** Hashed URLs of the Monaco web workers, by the label Monaco asks for. */
  workers: { editor: string; json: string; graphql: string };
}

export const CONFIG_ELEMENT_ID = 'govgraph-explorer-config';

export function readConfig(doc: Document = document): ExplorerConfig {
  const text = doc.getElementById(CONFIG_ELEMENT_ID)?.textContent;
  if (!text) throw new Error(`#${CONFIG_ELEMENT_ID} is missing: this page must be served by the GovGraph gateway`);
  return JSON.parse(text) as ExplorerConfig;
}
