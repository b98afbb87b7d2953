// The explorer page: GraphiQL with the query builder (explorer plugin) and the docs pane, talking
// to the gateway it was served by. Everything it loads comes from /explorer/assets on that origin.
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';
import { readConfig } from './config.js';
import { DEFAULT_HEADERS, EXAMPLE_TABS } from './examples.js';
import { createFetcher } from './fetcher.js';
import { installMonacoWorkers } from './workers.js';

const config = readConfig();
installMonacoWorkers(config.workers);

const fetcher = createFetcher(new URL(config.graphqlPath, window.location.href).toString());
const plugins = [explorerPlugin()];

/**
 * GraphiQL 5 fills the first tab's operation editor from `defaultTabs` but not its variables
 * editor, so the first example would run without its variables. On a first visit (no saved tabs)
 * hand them over as `initialVariables`; later visits restore the user's own editors.
 */
function firstVisit(): boolean {
  try {
    return window.localStorage.getItem('graphiql:tabState') === null;
  } catch {
    return true;
  }
}
const initialVariables = firstVisit() ? EXAMPLE_TABS[0]?.variables : undefined;

function Explorer() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      // The docs pane (GraphiQL's built-in plugin, by its title) is open from the start.
      visiblePlugin="Documentation Explorer"
      defaultTabs={EXAMPLE_TABS}
      {...(initialVariables !== undefined ? { initialVariables } : {})}
      defaultHeaders={DEFAULT_HEADERS}
      defaultEditorToolsVisibility="headers"
      isHeadersEditorEnabled
      // Tokens stay out of localStorage unless the user ticks the setting.
      shouldPersistHeaders={false}
      showPersistHeadersSettings
    >
      <GraphiQL.Logo>{config.title}</GraphiQL.Logo>
    </GraphiQL>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
