import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a batch query that returns rows in any order: results are put
 * back in key order, with null for keys that matched no row. One `_entities` call with N
 * representations therefore becomes one SQL query per entity type.
 */
export function rowLoader<K extends string | number, R>(
  fetchRows: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await fetchRows(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  }, { maxBatchSize: 1000 });
}

/** Like rowLoader, for one-to-many: every key gets the (possibly empty) list of its rows. */
export function groupLoader<K extends string | number, R>(
  fetchRows: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const rows = await fetchRows(keys);
    const byKey = new Map<K, R[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  }, { maxBatchSize: 1000 });
}

/**
 * Loaders for per-key statistics that also take arguments (a period, say): one loader per
 * distinct argument set, so `department.hotlineStatistics(from, to)` over 60 departments is one
 * GROUP BY query per (from, to) pair, not 60.
 */
export class LoaderFamily<A, K extends string | number, V> {
  private readonly loaders = new Map<string, DataLoader<K, V>>();

  constructor(private readonly create: (args: A) => DataLoader<K, V>) {}

  load(args: A, key: K): Promise<V> {
    const id = JSON.stringify(args);
    let loader = this.loaders.get(id);
    if (!loader) {
      loader = this.create(args);
      this.loaders.set(id, loader);
    }
    return loader.load(key);
  }
}
