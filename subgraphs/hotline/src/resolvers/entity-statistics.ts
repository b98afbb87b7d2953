/**
 * The `hotlineStatistics(from, to)` field the hotline adds to the catalogue's Department, Region
 * and ServiceItem: batched per period through the entity type's loader family.
 */
import { assertDateRange } from '@govgraph/core';
import type { Context } from '../context.js';
import type { HotlineStatisticsRow } from '../store/rows.js';

type FamilyName = 'departmentStatistics' | 'regionStatistics' | 'itemStatistics';

export function entityStatistics(family: FamilyName) {
  return (entity: { code: string }, args: { from: string; to: string }, { loaders }: Context): Promise<HotlineStatisticsRow> =>
    loaders[family].load(assertDateRange(args.from, args.to), entity.code);
}
