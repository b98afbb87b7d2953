// What the benchmark asks: one operation per scenario, with its variables, and where it is sent.
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '@govgraph/core';
import path from 'node:path';

export const SCENARIO_NAMES = ['scorecard', 'hotline-trend', 'item-search', 'report', 'single', 'direct'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  name: ScenarioName;
  description: string;
  /** Relative to the repository root. */
  operationFile: string;
  variables: Record<string, unknown>;
  /** Through each gateway, or straight to the hotline subgraph (the floor). */
  via: 'gateway' | 'subgraph';
  /** What a correct answer looks like beyond "data and no errors"; returns why not, if not. */
  check?: (data: any) => string | undefined;
}

const YEAR_2021 = { from: '2021-01-01', to: '2021-12-31' };

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  scorecard: {
    name: 'scorecard',
    description: '68 city departments x 4 subgraphs (_entities fan-out)',
    operationFile: 'bench/operations/scorecard.graphql',
    variables: { asOf: '2021-12-31', ...YEAR_2021 },
    via: 'gateway',
    check: (data) => (data?.departments?.edges?.length === 68 ? undefined : `expected 68 departments, got ${data?.departments?.edges?.length}`),
  },
  'hotline-trend': {
    name: 'hotline-trend',
    description: '2021 work orders by county and by month, with rates',
    operationFile: 'bench/operations/hotline-trend.graphql',
    variables: YEAR_2021,
    via: 'gateway',
    check: (data) =>
      data?.byCounty?.length === 9 && data?.byMonth?.length === 12
        ? undefined
        : `expected 9 counties and 12 months, got ${data?.byCounty?.length} and ${data?.byMonth?.length}`,
  },
  'item-search': {
    name: 'item-search',
    description: 'a filtered page of 20 service items with department and certificates',
    operationFile: 'bench/operations/item-search.graphql',
    variables: { nameContains: '许可', first: 20 },
    via: 'gateway',
    check: (data) => (data?.serviceItems?.edges?.length === 20 ? undefined : `expected a full page of 20 items, got ${data?.serviceItems?.edges?.length}`),
  },
  report: {
    name: 'report',
    description: "the annual report generator's one operation",
    // The report's own operation, read from where the report keeps it, so the two cannot drift.
    operationFile: 'report/operations/annual-report.graphql',
    variables: { asOf: '2021-12-31', ...YEAR_2021, year: 2021 },
    via: 'gateway',
    check: (data) => (data?.hotlineStatistics?.received === 652_000 ? undefined : `expected 652000 work orders, got ${data?.hotlineStatistics?.received}`),
  },
  single: {
    name: 'single',
    description: 'one hotline statistic (a single subgraph) through the gateway',
    operationFile: 'bench/operations/single.graphql',
    variables: YEAR_2021,
    via: 'gateway',
    check: (data) => (data?.hotlineStatistics?.received === 652_000 ? undefined : `expected 652000 work orders, got ${data?.hotlineStatistics?.received}`),
  },
  direct: {
    name: 'direct',
    description: 'the same statistic sent straight to the hotline subgraph (the floor)',
    operationFile: 'bench/operations/single.graphql',
    variables: YEAR_2021,
    via: 'subgraph',
    check: (data) => (data?.hotlineStatistics?.received === 652_000 ? undefined : `expected 652000 work orders, got ${data?.hotlineStatistics?.received}`),
  },
};

/** The JSON body sent for a scenario: the same bytes to every target. */
export function requestBody(scenario: Scenario, root = REPO_ROOT): string {
  const query = readFileSync(path.join(root, scenario.operationFile), 'utf8');
  return JSON.stringify({ query, variables: scenario.variables });
}
