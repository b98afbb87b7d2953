import { CompiledQuery, sql, type Kysely } from 'kysely';

/** The dataset every subgraph seeds unless it names its own version. */
export const DATASET_VERSION = '2021.1';

/**
 * A small, fast deterministic PRNG (sfc32). The same seed gives the same dataset on every machine
 * and in every run, which is what lets the tests assert exact figures.
 */
export function createRandom(seed: number | string): Random {
  let h = 1779033703;
  const text = String(seed);
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h ^ 0x9e3779b9;
  let b = h ^ 0x243f6a88;
  let c = h ^ 0xb7e15162;
  let d = h ^ 0x13198a2e;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return new Random(next);
}

export class Random {
  constructor(readonly next: () => number) {}

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count > items.length) throw new Error(`cannot sample ${count} of ${items.length}`);
    return this.shuffle(items).slice(0, count);
  }
}

/**
 * Splits an exact integer total into `weights.length` non-negative integer parts proportional to
 * the weights (largest-remainder method), so seeded figures add up to the report's totals exactly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) throw new Error('apportion needs a positive weight');
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]! += 1;
  return parts;
}

/** Marks, in a set of `total` positions, exactly `count` of them as true, spread at random. */
export function exactFlags(total: number, count: number, random: Random): boolean[] {
  if (count > total) throw new Error(`cannot flag ${count} of ${total}`);
  const flags = new Array<boolean>(total).fill(false);
  for (const i of random.sample([...Array(total).keys()], count)) flags[i] = true;
  return flags;
}

const SQLITE_MAX_VARIABLES = 32_000;

/** The row's values in `columns` order, or undefined when its shape differs from the columns. */
function valuesInOrder(row: Record<string, unknown>, columns: readonly string[]): unknown[] | undefined {
  const keys = Object.keys(row);
  if (keys.length !== columns.length) return undefined;
  const values: unknown[] = [];
  for (let i = 0; i < columns.length; i++) {
    const value = row[columns[i]!];
    if (keys[i] !== columns[i] || value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/**
 * Inserts rows in multi-row statements sized to stay under the driver's bound-parameter limit.
 * Call it inside a transaction: a seed or import then lands whole or not at all.
 *
 * Building a 2,000-row statement with the query builder costs more than running it, so the SQL
 * of a full chunk is built once and reused for every later chunk whose rows have the same columns
 * in the same order; any other chunk goes through the builder.
 */
export async function bulkInsert<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const chunk = Math.max(1, Math.floor(SQLITE_MAX_VARIABLES / (columns.length || 1)));
  let fullChunkSql: string | undefined;
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    if (fullChunkSql && slice.length === chunk) {
      const parameters: unknown[] = [];
      let sameShape = true;
      for (const row of slice) {
        const values = valuesInOrder(row, columns);
        if (!values) {
          sameShape = false;
          break;
        }
        for (const value of values) parameters.push(value);
      }
      if (sameShape) {
        await db.executeQuery(CompiledQuery.raw(fullChunkSql, parameters));
        continue;
      }
    }
    const compiled = db.insertInto(table).values(slice as never).compile();
    if (slice.length === chunk && slice.every((row) => valuesInOrder(row, columns))) fullChunkSql = compiled.sql;
    await db.executeQuery(compiled);
  }
}

/**
 * Runs `seed` once per database: in one transaction with a marker row, so a process killed
 * mid-seed leaves nothing behind and the next start seeds again from scratch.
 */
export async function seedOnce(
  db: Kysely<any>,
  seed: (trx: Kysely<any>) => Promise<void>,
  log: (message: string) => void = () => {},
  /** A subgraph bumps its own version when its generator changes; a database seeded with an older
   * version is reported at start (re-seed by deleting the file) rather than silently mixed. */
  version: string = DATASET_VERSION,
): Promise<'seeded' | 'present'> {
  await createSeedMarkers(db);
  const seeded = await db.selectFrom('govgraph_seed').select('dataset').execute();
  if (seeded.some((row) => row.dataset === version)) return 'present';
  if (seeded.length > 0) {
    log(`database holds dataset ${seeded.map((r) => r.dataset).join(', ')}, not ${version}: delete it to re-seed`);
    return 'present';
  }
  const started = Date.now();
  await db.transaction().execute(async (trx) => {
    await seed(trx);
    await trx.insertInto('govgraph_seed').values({ dataset: version, seeded_at: new Date().toISOString() }).execute();
  });
  log(`seeded dataset ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'seeded';
}

/** The table of seed markers: the dataset a database was seeded with, and when. */
async function createSeedMarkers(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('govgraph_seed')
    .ifNotExists()
    .addColumn('dataset', 'text', (c) => c.primaryKey())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();
}

/**
 * For a migration that brings a database seeded with dataset `from` up to dataset `to` (filling
 * what the newer generator adds from the rows already there): the database now counts as seeded
 * with `to`, so seedOnce stops reporting it as outdated. A database seeded with anything else, or
 * not yet (a new one is migrated before its first seed), is left as it is.
 */
export async function recordDatasetUpgrade(db: Kysely<any>, from: string, to: string): Promise<void> {
  await createSeedMarkers(db);
  const held = (await db.selectFrom('govgraph_seed').select('dataset').execute()).map((row) => row.dataset as string);
  if (!held.includes(from)) return;
  if (held.includes(to)) await db.deleteFrom('govgraph_seed').where('dataset', '=', from).execute();
  // The marker keeps its seeded_at: the rows are still those seeded then.
  else await db.updateTable('govgraph_seed').set({ dataset: to }).where('dataset', '=', from).execute();
}

/** Refreshes the planner's statistics after a bulk load, so the first queries use the indexes. */
export async function analyze(db: Kysely<any>): Promise<void> {
  await sql`analyze`.execute(db);
}
