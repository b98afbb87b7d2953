import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { LoaderFamily, rowLoader } from '@govgraph/core';
import { statisticsRow, type CallerRow, type HotlineStatisticsRow, type WorkOrderRow } from './store/rows.js';
import type { Database } from './store/schema.js';
import { mediansOf } from './store/medians.js';
import { countsOf, type GroupBy, type Grouping } from './store/statistics.js';
import { callersByIds, workOrdersByIds } from './store/work-orders.js';

export interface Period {
  from: string;
  to: string;
}

type StatisticsFamily = LoaderFamily<Period, string, HotlineStatisticsRow>;

export interface Loaders {
  workOrder: DataLoader<string, WorkOrderRow | null>;
  caller: DataLoader<string, CallerRow | null>;
  departmentStatistics: StatisticsFamily;
  regionStatistics: StatisticsFamily;
  itemStatistics: StatisticsFamily;
  /** Median handling minutes per group of a grouping; null for a group with none completed. */
  median: LoaderFamily<Grouping, string, number | null>;
}

/**
 * Per-entity statistics: one loader per period, so N entities asked for the same period are one
 * grouped query. An entity with no orders gets zeros, as the non-null SDL type promises.
 */
function statisticsFamily(db: Kysely<Database>, by: GroupBy): StatisticsFamily {
  return new LoaderFamily(
    (period: Period) =>
      new DataLoader<string, HotlineStatisticsRow>(
        async (codes) => {
          const grouping: Grouping = { filter: { from: period.from, to: period.to }, by };
          const counts = await countsOf(db, grouping, codes);
          return codes.map((code) => statisticsRow(counts.get(code), grouping, code));
        },
        { maxBatchSize: 1000 },
      ),
  );
}

/** Medians, likewise batched: every group of one grouping that asks is one more query. */
function medianFamily(db: Kysely<Database>): LoaderFamily<Grouping, string, number | null> {
  return new LoaderFamily(
    (grouping: Grouping) =>
      new DataLoader<string, number | null>(
        async (keys) => {
          // Periods and the whole set are not codes to restrict to; every other grouping is.
          const restrict = grouping.by.kind === 'WHOLE' || grouping.by.kind === 'PERIOD' ? undefined : keys;
          const medians = await mediansOf(db, grouping, restrict);
          return keys.map((key) => medians.get(key) ?? null);
        },
        { maxBatchSize: 1000 },
      ),
  );
}

/** Called once per request: a loader caches only within the request that made it. */
export function createLoaders(db: Kysely<Database>): Loaders {
  return {
    workOrder: rowLoader((ids: readonly string[]) => workOrdersByIds(db, ids), (r) => r.id),
    caller: rowLoader((ids: readonly string[]) => callersByIds(db, ids), (r) => r.id),
    departmentStatistics: statisticsFamily(db, { kind: 'DIMENSION', dimension: 'DEPARTMENT' }),
    regionStatistics: statisticsFamily(db, { kind: 'REGION' }),
    itemStatistics: statisticsFamily(db, { kind: 'ITEM' }),
    median: medianFamily(db),
  };
}
