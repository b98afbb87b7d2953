// The tabs the explorer opens with (GraphiQL keeps the user's own tabs in localStorage after the
// first visit). Operations live in .graphql files so that src/examples.test.ts can validate them
// against the supergraph; the annual report query is the one the e2e suite checks figure by figure.
import annualFigures from '../../test/operations/annual-figures.graphql';
import annualFiguresVariables from './operations/annual-figures.variables.json';
import departmentScorecard from './operations/department-scorecard.graphql';
import departmentScorecardVariables from './operations/department-scorecard.variables.json';
import hotlineTrend from './operations/hotline-trend-by-county.graphql';
import hotlineTrendVariables from './operations/hotline-trend-by-county.variables.json';
import serviceItemSearch from './operations/service-item-search.graphql';
import serviceItemSearchVariables from './operations/service-item-search.variables.json';

export interface ExampleTab {
  query: string;
  variables: string;
  headers: string;
}

/** The bearer token goes after `Bearer `; left as is, the header is not sent (see fetcher.ts). */
export const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer ' }, null, 2);

const tab = (query: string, variables: unknown): ExampleTab => ({
  query,
  variables: JSON.stringify(variables, null, 2),
  headers: DEFAULT_HEADERS,
});

export const EXAMPLE_TABS: ExampleTab[] = [
  tab(departmentScorecard, departmentScorecardVariables),
  tab(hotlineTrend, hotlineTrendVariables),
  tab(serviceItemSearch, serviceItemSearchVariables),
  tab(annualFigures, annualFiguresVariables),
];
