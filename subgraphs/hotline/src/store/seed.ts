/**
 * The deterministic 2021 dataset of the 12345 hotline: every call or request of the year as a work
 * order, and the legacy hotlines merged into 12345.
 *
 * The year is generated column by column in typed arrays (when, where, what, how handled), with
 * the report's exact totals imposed by exact weighted selections rather than by chance, and only
 * then turned into rows. Realistic shape (weekday and summer peaks, office hours, complaints more
 * often dispatched than enquiries) comes from the weights in seed-vocabulary.ts.
 */
import type { Insertable, Kysely } from 'kysely';
import {
  apportion,
  bulkInsert,
  COUNTIES,
  createRandom,
  directory,
  type DepartmentEntry,
  type Random,
  type RegionEntry,
  type ServiceItemEntry,
  WeightedIndex,
} from '@govgraph/core';
import type { Database, Disposition, MergedHotlineTable, Rating, WorkOrderTable } from './schema.js';
import {
  CATEGORY_WEIGHTS,
  CHANNEL_DISPATCH_PROPENSITY,
  CHANNEL_WEIGHTS,
  CITY_SHORT_HOTLINES,
  COUNTY_CALL_WEIGHTS,
  COUNTY_LOCAL_HOTLINES,
  DEPARTMENT_DISPATCH_WEIGHTS,
  DISPATCH_PROPENSITY,
  GIVEN_NAME_CHARACTERS,
  HOUR_WEIGHTS,
  ITEM_SUMMARY,
  MERGE_DAYS,
  MOBILE_PREFIXES,
  MONTH_WEIGHTS,
  SPECIAL_DAYS,
  SUMMARY_TOPICS,
  SURNAMES,
  WEEKDAY_WEIGHTS,
} from './seed-vocabulary.js';
import { createWorkOrderIndex, WORK_ORDER_INDEXES } from './migrations.js';
import { HandlingHistogramBuilder, refreshHandlingMedians } from './handling-histogram.js';
import { RollupBuilder } from './rollup.js';

/**
 * The report's hotline figures and the exact counts chosen to produce them. Completion 651,804 /
 * 652,000 = 0.999699… prints 99.97% (the rounding interval is 651,772..651,836); satisfaction
 * 231,121 / 231,468 = 0.998501… prints 99.85% (interval 231,110..231,132).
 */
export const HOTLINE_FIGURES = {
  year: 2021,
  received: 652_000,
  directReplies: 548_000,
  dispatched: 104_000,
  replied: 652_000,
  completed: 651_804,
  rated: 231_468,
  satisfied: 231_121,
  dissatisfied: 96,
  mergedHotlines: 55,
} as const;

export interface HotlineDataset {
  workOrders: Insertable<WorkOrderTable>[];
  mergedHotlines: Insertable<MergedHotlineTable>[];
}

const DAY = 86_400_000;
/**
 * Instants are generated as milliseconds of the city's wall clock read as if it were UTC, so a
 * `toISOString()` prints local time and only the `+08:00` suffix needs adding (China has no DST).
 */
const YEAR_START = Date.UTC(HOTLINE_FIGURES.year, 0, 1);
const YEAR_END = Date.UTC(HOTLINE_FIGURES.year + 1, 0, 1);
const DAYS_IN_YEAR = 365;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayPrefixes = new Map<number, string>();

/**
 * `2021-03-01T08:30:00+08:00` for a wall-clock instant. Three per order, two million in all: the
 * day part is cached and the time assembled from a table, as `toISOString` was the seed's
 * single largest cost.
 */
export function localInstant(wallClockMs: number): string {
  const day = Math.floor(wallClockMs / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = `${new Date(day * DAY).toISOString().slice(0, 10)}T`;
    dayPrefixes.set(day, prefix);
  }
  const seconds = Math.floor((wallClockMs - day * DAY) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${prefix}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[seconds % 60]}+08:00`;
}

/** Picks a value by fixed weights in O(log n) (core's WeightedIndex): millions of picks here. */
class Picker<T> {
  private readonly index: WeightedIndex;
  constructor(
    private readonly values: readonly T[],
    weights: readonly number[],
  ) {
    this.index = new WeightedIndex(weights);
  }
  static of<T>(entries: readonly (readonly [T, number])[]): Picker<T> {
    return new Picker(entries.map(([v]) => v), entries.map(([, w]) => w));
  }
  pick(random: Random): T {
    return this.values[this.index.draw(random)]!;
  }
}

/**
 * Chooses exactly `count` positions, each with a chance proportional to its weight (weight 0 is
 * never chosen): exponential keys with rate `weight`, lowest `count` win (Efraimidis–Spirakis).
 * This is how every exact figure is imposed while keeping its correlation with the other columns.
 */
export function chooseWeighted(weights: Float64Array, count: number, random: Random): Uint8Array {
  const keys = new Float64Array(weights.length);
  let eligible = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    keys[i] = w > 0 ? -Math.log(1 - random.next()) / w : Infinity;
    if (w > 0) eligible++;
  }
  if (count > eligible) throw new Error(`cannot choose ${count} of ${eligible} eligible positions`);
  const chosen = new Uint8Array(weights.length);
  if (count === 0) return chosen;
  const threshold = keys.slice().sort()[count - 1]!;
  let taken = 0;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i]! <= threshold && taken < count) {
      chosen[i] = 1;
      taken++;
    }
  }
  return chosen;
}

/** A log-normal draw (Box–Muller) around `median`, clamped to [min, max]. */
function logNormal(random: Random, median: number, sigma: number, min: number, max: number): number {
  const u = 1 - random.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
  return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
}

const CHANNELS = CHANNEL_WEIGHTS.map(([c]) => c);
const CATEGORIES = CATEGORY_WEIGHTS.map(([c]) => c);
const RATINGS: readonly (Rating | null)[] = [null, 'SATISFIED', 'BASIC', 'DISSATISFIED'];

/** Where calls come from: counties by population, townships within, then (mostly) a village. */
class Places {
  readonly counties: Picker<string>;
  private readonly townshipsOf = new Map<string, Picker<RegionEntry>>();
  private readonly villagesOf = new Map<string, RegionEntry[]>();

  constructor(regions: readonly RegionEntry[], random: Random) {
    this.counties = new Picker(COUNTIES.map((c) => c.code), COUNTIES.map((c) => COUNTY_CALL_WEIGHTS[c.code] ?? 1));
    for (const county of COUNTIES) {
      const townships = regions.filter((r) => r.level === 'TOWNSHIP' && r.parentCode === county.code);
      // Streets (街道) are the dense town centres; every township gets its own size.
      const weights = townships.map((t) => (0.6 + 0.8 * random.next()) * (t.name.endsWith('街道') ? 1.5 : 1));
      this.townshipsOf.set(county.code, new Picker(townships, weights));
    }
    for (const region of regions) {
      if (region.level !== 'VILLAGE') continue;
      const list = this.villagesOf.get(region.parentCode!) ?? [];
      list.push(region);
      this.villagesOf.set(region.parentCode!, list);
    }
  }

  township(county: string, random: Random): RegionEntry {
    return this.townshipsOf.get(county)!.pick(random);
  }

  /** Most matters are placed in a village or community; the rest at the township itself. */
  place(township: RegionEntry, random: Random): RegionEntry {
    const villages = this.villagesOf.get(township.code) ?? [];
    return villages.length > 0 && random.next() < 0.64 ? random.pick(villages) : township;
  }
}

function dispatchWeight(department: DepartmentEntry): number {
  const match = DEPARTMENT_DISPATCH_WEIGHTS.find(([name]) => department.name.includes(name));
  return match ? match[1] : 1;
}

/** Departments orders are dispatched to: the county's own bodies, or a city department. */
class Dispatch {
  private readonly city: Picker<DepartmentEntry>;
  private readonly countyOf = new Map<string, Picker<DepartmentEntry>>();

  constructor(departments: readonly DepartmentEntry[]) {
    const city = departments.filter((d) => d.level === 'CITY');
    this.city = new Picker(city, city.map(dispatchWeight));
    for (const county of COUNTIES) {
      const own = departments.filter((d) => d.level === 'COUNTY' && d.regionCode === county.code);
      this.countyOf.set(county.code, new Picker(own, own.map(dispatchWeight)));
    }
  }

  department(county: string, random: Random): DepartmentEntry {
    return random.next() < 0.58 ? this.countyOf.get(county)!.pick(random) : this.city.pick(random);
  }
}

/** Service items an order can concern: the handling department's, or those offered at its place. */
class Items {
  private readonly ofDepartment = new Map<string, ServiceItemEntry[]>();
  private readonly ofRegion = new Map<string, ServiceItemEntry[]>();

  constructor(items: readonly ServiceItemEntry[]) {
    for (const item of items) {
      push(this.ofDepartment, item.departmentCode, item);
      push(this.ofRegion, item.regionCode, item);
    }
  }

  ofDispatched(department: string, random: Random): ServiceItemEntry | null {
    const list = this.ofDepartment.get(department);
    return list && list.length > 0 ? random.pick(list) : null;
  }

  /** City items half the time (they are the most asked about), else the county's or township's. */
  atPlace(county: string, township: string, random: Random): ServiceItemEntry | null {
    const r = random.next();
    const code = r < 0.45 ? '440800' : r < 0.85 ? county : township;
    const list = this.ofRegion.get(code) ?? this.ofRegion.get(county);
    return list && list.length > 0 ? random.pick(list) : null;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The subject of an item name: `不动产登记咨询服务（市不动产登记中心）` → `不动产登记`. */
function itemSubject(item: ServiceItemEntry): string {
  return item.name.replace(/（.*$/, '').replace(/咨询服务$/, '');
}

const surnames = Picker.of(SURNAMES);

function callerName(random: Random): string {
  const given = random.next() < 0.78 ? 2 : 1;
  let name = surnames.pick(random);
  for (let i = 0; i < given; i++) name += random.pick(GIVEN_NAME_CHARACTERS);
  return name;
}

function callerPhone(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
}

/** Calls per day: weekday × month × holiday/typhoon factor × day-to-day noise, summing to the year. */
function callsPerDay(random: Random): number[] {
  const weights = Array.from({ length: DAYS_IN_YEAR }, (_, d) => {
    const date = new Date(YEAR_START + d * DAY);
    const day = date.toISOString().slice(0, 10);
    return (
      WEEKDAY_WEIGHTS[date.getUTCDay()]! *
      MONTH_WEIGHTS[date.getUTCMonth()]! *
      (SPECIAL_DAYS[day] ?? 1) *
      (0.93 + 0.14 * random.next())
    );
  });
  return apportion(HOTLINE_FIGURES.received, weights);
}

/**
 * The year as columns, one entry per order in receipt order: every decision that needs the whole
 * year at once (the exact counts) is taken here, before any row exists.
 */
export interface YearColumns {
  count: number;
  received: Float64Array;
  township: RegionEntry[];
  place: RegionEntry[];
  channel: Uint8Array;
  category: Uint8Array;
  dispatched: Uint8Array;
  department: (DepartmentEntry | null)[];
  item: (ServiceItemEntry | null)[];
  replySeconds: Float64Array;
  completeSeconds: Float64Array;
  open: Uint8Array;
  /** Index into RATINGS: 0 unrated, 1 satisfied, 2 basically satisfied, 3 dissatisfied. */
  rating: Uint8Array;
}

export function generateYear(random: Random): YearColumns {
  const dir = directory();
  const places = new Places(dir.regions, random);
  const dispatch = new Dispatch(dir.departments);
  const items = new Items(dir.items);
  const hours = new Picker(HOUR_WEIGHTS.map((_, h) => h), HOUR_WEIGHTS);
  const channels = Picker.of(CHANNEL_WEIGHTS);
  const categories = Picker.of(CATEGORY_WEIGHTS);
  const n = HOTLINE_FIGURES.received;

  // When: ids follow receipt order, so each day's calls are sorted before numbering.
  const received = new Float64Array(n);
  const dayIndex = new Int16Array(n);
  let next = 0;
  callsPerDay(random).forEach((count, d) => {
    const seconds = new Int32Array(count);
    for (let k = 0; k < count; k++) seconds[k] = hours.pick(random) * 3600 + random.int(0, 3599);
    seconds.sort();
    for (let k = 0; k < count; k++, next++) {
      received[next] = YEAR_START + d * DAY + seconds[k]! * 1000;
      dayIndex[next] = d;
    }
  });

  // Where and what.
  const township: RegionEntry[] = new Array(n);
  const place: RegionEntry[] = new Array(n);
  const channel = new Uint8Array(n);
  const category = new Uint8Array(n);
  const dispatchWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    township[i] = places.township(places.counties.pick(random), random);
    place[i] = places.place(township[i]!, random);
    const ch = channels.pick(random);
    const cat = categories.pick(random);
    channel[i] = CHANNELS.indexOf(ch);
    category[i] = CATEGORIES.indexOf(cat);
    dispatchWeights[i] = DISPATCH_PROPENSITY[cat] * CHANNEL_DISPATCH_PROPENSITY[ch];
  }

  // How handled: exactly 104,000 dispatched, the rest answered on the call.
  const dispatched = chooseWeighted(dispatchWeights, HOTLINE_FIGURES.dispatched, random);
  const department: (DepartmentEntry | null)[] = new Array(n);
  const item: (ServiceItemEntry | null)[] = new Array(n);
  const replySeconds = new Float64Array(n);
  const completeSeconds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const county = township[i]!.parentCode!;
    // Everything of the year happens within the year: a late order is closed by its last second.
    const secondsLeft = Math.floor((YEAR_END - received[i]!) / 1000) - 1;
    if (dispatched[i]) {
      const dept = dispatch.department(county, random);
      department[i] = dept;
      item[i] = random.next() < 0.22 ? items.ofDispatched(dept.code, random) : null;
      // First answer to the caller within hours; the department's completion within days.
      replySeconds[i] = Math.round(logNormal(random, 5 * 3600, 0.9, 600, 72 * 3600));
      completeSeconds[i] = Math.max(replySeconds[i]!, Math.round(logNormal(random, 50 * 3600, 0.85, 2 * 3600, 20 * 86_400)));
      if (completeSeconds[i]! > secondsLeft) {
        completeSeconds[i] = Math.round(secondsLeft * (0.5 + 0.5 * random.next()));
        replySeconds[i] = Math.min(replySeconds[i]!, completeSeconds[i]!);
      }
    } else {
      department[i] = null;
      const share = CATEGORIES[category[i]!] === 'CONSULTATION' ? 0.18 : 0.04;
      item[i] = random.next() < share ? items.atPlace(county, township[i]!.code, random) : null;
      // Answered on the call: replied and completed when the call ends.
      replySeconds[i] = completeSeconds[i] = Math.min(secondsLeft, Math.round(logNormal(random, 270, 0.55, 60, 2700)));
    }
  }

  // Still open at the year's end: dispatched orders of the last weeks.
  const openWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (dispatched[i]) openWeights[i] = Math.exp((dayIndex[i]! - (DAYS_IN_YEAR - 1)) / 6);
  }
  const open = chooseWeighted(openWeights, HOTLINE_FIGURES.received - HOTLINE_FIGURES.completed, random);

  // Ratings: only completed orders are rated; dispatched callers get a follow-up and rate more.
  const rateWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) if (!open[i]) rateWeights[i] = dispatched[i] ? 1.6 : 0.55;
  const rated = chooseWeighted(rateWeights, HOTLINE_FIGURES.rated, random);
  // The few unhappy callers: complaints and reports, dispatched and slow ones most of all.
  const unhappyWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!rated[i]) continue;
    const cat = CATEGORIES[category[i]!];
    unhappyWeights[i] =
      (cat === 'COMPLAINT' ? 6 : cat === 'REPORT' ? 4 : cat === 'HELP' ? 2 : 1) *
      (dispatched[i] ? 3 : 1) *
      (completeSeconds[i]! > 5 * 86_400 ? 2 : 1);
  }
  const unhappy = chooseWeighted(unhappyWeights, HOTLINE_FIGURES.rated - HOTLINE_FIGURES.satisfied, random);
  const unhappyIndexes: number[] = [];
  for (let i = 0; i < n; i++) if (unhappy[i]) unhappyIndexes.push(i);
  const dissatisfied = new Set(random.sample(unhappyIndexes, HOTLINE_FIGURES.dissatisfied));

  const rating = new Uint8Array(n);
  for (let i = 0; i < n; i++) rating[i] = !rated[i] ? 0 : !unhappy[i] ? 1 : dissatisfied.has(i) ? 3 : 2;
  return {
    count: n,
    received,
    township,
    place,
    channel,
    category,
    dispatched,
    department,
    item,
    replySeconds,
    completeSeconds,
    open,
    rating,
  };
}

/**
 * Rows [start, end) of the year. Summaries and callers are drawn here, in order, so the rows are
 * the same whatever chunk size the caller materialises them in.
 */
export function workOrderRows(year: YearColumns, start: number, end: number, random: Random): Insertable<WorkOrderTable>[] {
  const rows: Insertable<WorkOrderTable>[] = [];
  for (let i = start; i < end; i++) {
    const category = CATEGORIES[year.category[i]!]!;
    const item = year.item[i];
    const summary = item
      ? ITEM_SUMMARY[category].replace('{item}', itemSubject(item))
      : random.pick(SUMMARY_TOPICS[category]).replace('{place}', year.place[i]!.name);
    const received = year.received[i]!;
    const completed = !year.open[i];
    const disposition: Disposition = year.dispatched[i] ? 'DISPATCHED' : 'DIRECT_REPLY';
    rows.push({
      id: workOrderId(i + 1),
      received_at: localInstant(received),
      channel: CHANNELS[year.channel[i]!]!,
      category,
      summary,
      region_code: year.place[i]!.code,
      county_code: year.township[i]!.parentCode!,
      township_code: year.township[i]!.code,
      disposition,
      department_code: year.department[i]?.code ?? null,
      item_code: item?.code ?? null,
      replied_at: localInstant(received + year.replySeconds[i]! * 1000),
      completed_at: completed ? localInstant(received + year.completeSeconds[i]! * 1000) : null,
      // Durations are whole seconds, so this is exactly completed_at − received_at in minutes.
      handling_minutes: completed ? Math.floor(year.completeSeconds[i]! / 60) : null,
      rating: RATINGS[year.rating[i]!]!,
      caller_name: callerName(random),
      caller_phone: callerPhone(random),
    });
  }
  return rows;
}

/** `WO2021` and a 7-digit sequence: text order is receipt order. */
export function workOrderId(sequence: number): string {
  return `WO${HOTLINE_FIGURES.year}${String(sequence).padStart(7, '0')}`;
}

export function buildMergedHotlines(random: Random): Insertable<MergedHotlineTable>[] {
  const { departments } = directory();
  const byShortName = new Map(departments.map((d) => [d.shortName, d]));
  const department = (shortName: string): DepartmentEntry => {
    const found = byShortName.get(shortName);
    if (!found) throw new Error(`no department ${shortName} in the directory`);
    return found;
  };
  const lines: Insertable<MergedHotlineTable>[] = CITY_SHORT_HOTLINES.map(([number, name, dept]) => ({
    number,
    name: `湛江市${name}`,
    department_code: department(`市${dept}`).code,
    merged_on: random.pick(MERGE_DAYS),
  }));
  const used = new Set<string>();
  for (const county of COUNTIES) {
    for (const [name, dept] of COUNTY_LOCAL_HOTLINES) {
      let local: string;
      do local = `0759-${random.pick(['2', '3', '6', '7', '8'])}${String(random.int(0, 999_999)).padStart(6, '0')}`;
      while (used.has(local));
      used.add(local);
      lines.push({
        number: local,
        name: `${county.name}${name}`,
        department_code: department(`${county.name}${dept}`).code,
        merged_on: random.pick(MERGE_DAYS),
      });
    }
  }
  return lines;
}

const SEED = 'govgraph-hotline-2021';
/**
 * The dataset's version (see core's seedOnce): 2021.2 added the handling-time histogram. The
 * orders are those of 2021.1; a database seeded before is brought up to date by migration 0003,
 * and 0004 records it as 2021.2.
 */
export const HOTLINE_DATASET_VERSION = '2021.2';
const CHUNK = 20_000;

/** The whole dataset in memory: for tests and tools; the seed itself streams it in chunks. */
export function buildDataset(): HotlineDataset {
  const random = createRandom(SEED);
  const mergedHotlines = buildMergedHotlines(random);
  const year = generateYear(random);
  return { mergedHotlines, workOrders: workOrderRows(year, 0, year.count, random) };
}

/**
 * The full 2021 dataset, inserted in the caller's (seedOnce's) transaction, with its rollup and
 * handling-time histogram. The secondary indexes are dropped for the load and rebuilt after it:
 * building an index from a full table sorts once, where maintaining it row by row costs about
 * three times as long.
 */
export async function seed(db: Kysely<Database>): Promise<void> {
  const random = createRandom(SEED);
  await bulkInsert(db, 'merged_hotlines', buildMergedHotlines(random));
  const year = generateYear(random);
  for (const index of WORK_ORDER_INDEXES) await db.schema.dropIndex(index.name).execute();
  const rollup = new RollupBuilder();
  const histogram = new HandlingHistogramBuilder();
  for (let start = 0; start < year.count; start += CHUNK) {
    const rows = workOrderRows(year, start, Math.min(year.count, start + CHUNK), random);
    for (const row of rows) {
      rollup.add(row);
      histogram.add(row);
    }
    await bulkInsert(db, 'work_orders', rows);
  }
  await bulkInsert(db, 'work_order_rollup', rollup.rows());
  await bulkInsert(db, 'work_order_handling', histogram.rows());
  for (const index of WORK_ORDER_INDEXES) await createWorkOrderIndex(db, index);
  // After the indexes: a median in a wide bucket is read from the orders through them.
  await refreshHandlingMedians(db);
}
