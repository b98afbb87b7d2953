/**
 * The deterministic full-scale 2021 dataset of the city e-certificate system. Everything is
 * generated in memory from a fixed PRNG seed and the shared directory, then bulk-inserted in the
 * single seed transaction. The report's figures are not stored anywhere: they come out of the
 * rows, and `generateDataset` checks that they do before anything is written.
 */
import type { Kysely } from 'kysely';
import {
  addDays,
  apportion,
  bulkInsert,
  createRandom,
  directory,
  isPublicHoliday,
  isWorkingDay,
  type DepartmentEntry,
  type Random,
  type ServiceItemEntry,
} from '@govgraph/core';
import {
  CITY_CATALOGUE,
  COUNTY_TYPES,
  ITEM_PAPERWORK,
  ONBOARDED_UNSTATIONED_DEPARTMENTS,
  type CatalogueEntry,
} from './catalogue.js';
import { rebuildIssuanceRollups } from './issuance-rollup.js';
import type {
  CertificateTypesTable,
  Database,
  DepartmentOnboardingTable,
  IssuanceDailyTable,
  ItemAcceptedTypesTable,
  ItemOnboardingTable,
} from './schema.js';

/** The certificates section of figures-2021.md, as of 2021-12-31. */
export const FIGURES_2021 = {
  asOf: '2021-12-31',
  departments: 59,
  catalogTypes: 278,
  serviceEnabledTypes: 260,
  issuedTypes: 194,
  issuedTotal: 9_243_000,
  itemsStationed: 1247,
  itemsUsingCertificates: 1122,
} as const;

const YEAR_START = '2021-01-01';
const YEAR_END = '2021-12-31';

export interface Dataset {
  departmentOnboarding: DepartmentOnboardingTable[];
  certificateTypes: CertificateTypesTable[];
  issuanceDaily: IssuanceDailyTable[];
  itemOnboarding: ItemOnboardingTable[];
  itemAcceptedTypes: ItemAcceptedTypesTable[];
}


const minDay = (a: string, b: string): string => (a < b ? a : b);
const maxDay = (a: string, b: string): string => (a > b ? a : b);

/**
 * `count` distinct items drawn with probability proportional to weight (Efraimidis–Spirakis):
 * each item gets the key −ln(u)/w and the smallest keys win.
 */
export function weightedSample<T>(items: readonly T[], count: number, weightOf: (item: T) => number, random: Random): T[] {
  if (count > items.length) throw new Error(`cannot sample ${count} of ${items.length}`);
  return items
    .map((item) => ({ item, key: -Math.log(1 - random.next()) / weightOf(item) }))
    .sort((a, b) => a.key - b.key)
    .slice(0, count)
    .map((entry) => entry.item);
}


// Month factors: the Spring Festival lull in February, a busier second half as more services
// switched to e-certificates.
const MONTH_FACTOR = [0.9, 0.72, 1.02, 0.98, 0.97, 1.04, 1.08, 1.06, 1.02, 0.92, 1.05, 1.12];

const DAYS_2021: readonly string[] = Array.from({ length: 365 }, (_, i) => addDays(YEAR_START, i));

interface PlannedType {
  row: CertificateTypesTable;
  entry: CatalogueEntry;
  issued: boolean;
}

function onboardDepartments(random: Random): { rows: DepartmentOnboardingTable[]; onboardedOn: Map<string, string> } {
  const unstationed = new Set(ONBOARDED_UNSTATIONED_DEPARTMENTS.map((name) => `湛江市${name}`));
  const rows: DepartmentOnboardingTable[] = [];
  for (const department of directory().departments) {
    if (department.level !== 'CITY') continue;
    let onboardedOn: string;
    // The data administration runs the system and joined first; the center's departments came
    // in the first rollout wave, the others over the following year.
    if (department.name === '湛江市政务服务数据管理局') onboardedOn = '2019-10-15';
    else if (department.stationedInCenter) onboardedOn = addDays('2019-11-01', random.int(0, 300));
    else if (unstationed.has(department.name)) onboardedOn = addDays('2020-06-01', random.int(0, 390));
    else continue;
    rows.push({ department_code: department.code, onboarded_on: onboardedOn });
  }
  return { rows, onboardedOn: new Map(rows.map((r) => [r.department_code, r.onboarded_on])) };
}

function departmentNamed(name: string): DepartmentEntry {
  const department = directory().departments.find((d) => d.name === `湛江市${name}`);
  if (!department) throw new Error(`the directory has no department 湛江市${name}`);
  return department;
}

function planTypes(random: Random, onboardedOn: Map<string, string>): PlannedType[] {
  const catalogue: { entry: CatalogueEntry; department: DepartmentEntry; serial: number }[] = [];
  for (const [name, entries] of Object.entries(CITY_CATALOGUE)) {
    const department = departmentNamed(name);
    entries.forEach((entry, i) => catalogue.push({ entry, department, serial: i + 1 }));
  }
  // The high-volume types are the ones the report's total is made of: they are all issued.
  const [withVolume, rest] = [catalogue.filter((c) => c.entry.volume), catalogue.filter((c) => !c.entry.volume)];
  const shuffled = random.shuffle(rest);
  const issuedCount = FIGURES_2021.issuedTypes - withVolume.length;
  const enabledOnlyCount = FIGURES_2021.serviceEnabledTypes - FIGURES_2021.issuedTypes;
  const status = new Map<CatalogueEntry, 'issued' | 'enabled' | 'off'>();
  for (const c of withVolume) status.set(c.entry, 'issued');
  shuffled.forEach((c, i) => status.set(c.entry, i < issuedCount ? 'issued' : i < issuedCount + enabledOnlyCount ? 'enabled' : 'off'));

  const planned: PlannedType[] = catalogue.map(({ entry, department, serial }) => {
    const joined = onboardedOn.get(department.code);
    if (!joined) throw new Error(`${department.name} issues catalogue types but is not onboarded`);
    const state = status.get(entry)!;
    const issued = state === 'issued';
    // An issued type must be switched on early enough in 2021 to have issued something.
    const addedOn = minDay(addDays(joined, random.int(0, 150)), issued ? '2021-09-30' : '2021-11-30');
    // The big registers (户籍, 社保, 驾驶证 …) were the first to be switched on, before 2021
    // wherever their department had joined by then.
    const latest = entry.volume ? maxDay('2020-12-31', addedOn) : issued ? '2021-10-31' : YEAR_END;
    const enabledOn = state === 'off' ? null : minDay(addDays(addedOn, random.int(0, 240)), latest);
    return {
      entry,
      issued,
      row: {
        code: `${department.code}${String(serial).padStart(3, '0')}`,
        name: entry.name,
        department_code: department.code,
        in_city_catalog: 1,
        issuance_enabled: enabledOn ? 1 : 0,
        issuance_enabled_on: enabledOn,
        holder_kind: entry.holder,
        validity_years: entry.validity,
        added_on: addedOn,
      },
    };
  });

  for (const [name, entries] of Object.entries(COUNTY_TYPES)) {
    const department = departmentNamed(name);
    entries.forEach((entry, i) => {
      const addedOn = addDays('2020-03-01', random.int(0, 600));
      const enabledOn = random.next() < 0.5 ? minDay(addDays(addedOn, random.int(0, 120)), YEAR_END) : null;
      planned.push({
        entry,
        issued: false,
        row: {
          code: `${department.code}${String(i + 1).padStart(3, '0')}`,
          name: entry.name,
          department_code: department.code,
          in_city_catalog: 0,
          issuance_enabled: enabledOn ? 1 : 0,
          issuance_enabled_on: enabledOn,
          holder_kind: entry.holder,
          validity_years: entry.validity,
          added_on: addedOn,
        },
      });
    });
  }
  return planned;
}

/** How busy a day is for a type: office calendar, season, the year's growth, and noise. */
function dayWeight(day: string, index: number, type: PlannedType, random: Random): number {
  const person = type.row.holder_kind === 'PERSON';
  // Person certificates are also issued through the 粤省事 app on rest days; licences for
  // organisations almost only when the halls are open.
  const calendar = isWorkingDay(day) ? 1 : isPublicHoliday(day) ? (person ? 0.18 : 0.05) : person ? 0.3 : 0.1;
  const month = Number(day.slice(5, 7));
  let season = MONTH_FACTOR[month - 1]!;
  if (type.entry.name.endsWith('毕业证书') && (month === 6 || month === 7)) season *= 8;
  const growth = 0.85 + (0.3 * index) / 364;
  return calendar * season * growth * (0.8 + 0.4 * random.next());
}

function planIssuance(random: Random, types: PlannedType[]): IssuanceDailyTable[] {
  const issued = types.filter((t) => t.issued);
  // The long tail: licences for organisations issue a few hundred a year, person certificates
  // more; log-uniform spreads them over two orders of magnitude.
  const weights = issued.map(({ entry }) => {
    if (entry.volume) return entry.volume;
    const [low, high] = entry.holder === 'PERSON' ? [0.2, 25] : [0.05, 6];
    return Math.exp(Math.log(low) + random.next() * (Math.log(high) - Math.log(low)));
  });
  const totals = apportion(FIGURES_2021.issuedTotal, weights);
  const rows: IssuanceDailyTable[] = [];
  issued.forEach((type, t) => {
    const start = maxDay(YEAR_START, type.row.issuance_enabled_on!);
    const first = DAYS_2021.indexOf(start);
    const days = DAYS_2021.slice(first);
    const dayWeights = days.map((day, i) => dayWeight(day, first + i, type, random));
    // Some big registers were converted in one batch (存量证照入库) on a working day in spring.
    if (type.entry.volume && type.entry.volume >= 100 && first === 0 && random.next() < 0.6) {
      const candidates = days.slice(0, 120).filter(isWorkingDay);
      const batchDay = days.indexOf(random.pick(candidates));
      const rest = dayWeights.reduce((s, w) => s + w, 0);
      dayWeights[batchDay]! += rest * (0.15 + 0.25 * random.next());
    }
    const perDay = apportion(totals[t]!, dayWeights);
    perDay.forEach((count, i) => {
      if (count > 0) rows.push({ type_code: type.row.code, department_code: type.row.department_code, day: days[i]!, issued: count });
    });
  });
  return rows;
}

const ITEM_KIND_WEIGHT: Record<ServiceItemEntry['kind'], number> = {
  ADMINISTRATIVE_LICENSE: 4,
  ADMINISTRATIVE_CONFIRMATION: 3,
  ADMINISTRATIVE_PAYMENT: 3,
  ADMINISTRATIVE_REWARD: 1.5,
  ADMINISTRATIVE_ADJUDICATION: 1.5,
  OTHER_ADMINISTRATIVE_POWER: 1.5,
  PUBLIC_SERVICE: 1,
};

// What an item most often asks for when its subject has no specific paperwork listed.
const COMMON_PAPERWORK = ['居民身份证', '居民户口簿', '营业执照', '社会保障卡', '不动产权证书', '结婚证'];

function planItems(
  random: Random,
  onboardedOn: Map<string, string>,
  types: PlannedType[],
): { onboarding: ItemOnboardingTable[]; accepted: ItemAcceptedTypesTable[] } {
  const candidates = directory().items.filter((item) => item.level === 'CITY' && onboardedOn.has(item.departmentCode));
  const stationed = weightedSample(candidates, FIGURES_2021.itemsStationed, (item) => ITEM_KIND_WEIGHT[item.kind], random);
  const onboarding = stationed
    .map((item) => ({
      item_code: item.code,
      onboarded_on: minDay(addDays(onboardedOn.get(item.departmentCode)!, random.int(10, 420)), '2021-12-20'),
    }))
    .sort((a, b) => (a.item_code < b.item_code ? -1 : 1));
  const itemOnboardedOn = new Map(onboarding.map((r) => [r.item_code, r.onboarded_on]));

  const issued = types.filter((t) => t.issued);
  const issuedByName = new Map(issued.map((t) => [t.entry.name, t]));
  const issuedByDepartment = new Map<string, PlannedType[]>();
  for (const t of issued) issuedByDepartment.set(t.row.department_code, [...(issuedByDepartment.get(t.row.department_code) ?? []), t]);
  const common = COMMON_PAPERWORK.map((name) => issuedByName.get(name)).filter((t) => t !== undefined);

  const using = weightedSample(stationed, FIGURES_2021.itemsUsingCertificates, (item) => ITEM_KIND_WEIGHT[item.kind], random);
  const accepted: ItemAcceptedTypesTable[] = [];
  for (const item of using) {
    const subject = Object.keys(ITEM_PAPERWORK).find((s) => item.name.startsWith(s));
    const paperwork = (subject ? ITEM_PAPERWORK[subject]! : [])
      .map((name) => issuedByName.get(name))
      .filter((t) => t !== undefined);
    const count = random.weighted([[1, 30], [2, 35], [3, 22], [4, 10], [5, 3]] as const);
    const chosen = new Set<PlannedType>(random.shuffle(paperwork).slice(0, count));
    // Then the department's own certificates, then the ones every hall asks for.
    const fallbacks = [...random.shuffle(common), ...random.shuffle(issuedByDepartment.get(item.departmentCode) ?? [])];
    while (chosen.size < count && fallbacks.length > 0) chosen.add(fallbacks.pop()!);
    for (const type of chosen) {
      const from = maxDay(itemOnboardedOn.get(item.code)!, type.row.issuance_enabled_on!);
      accepted.push({ item_code: item.code, type_code: type.row.code, accepted_from: minDay(addDays(from, random.int(0, 90)), YEAR_END) });
    }
  }
  return { onboarding, accepted };
}

/** Fails loudly when a change to the generator would move one of the report's figures. */
function checkFigures(data: Dataset): void {
  const catalogue = data.certificateTypes.filter((t) => t.in_city_catalog === 1);
  const catalogueCodes = new Set(catalogue.map((t) => t.code));
  const issuedCodes = new Set(data.issuanceDaily.map((r) => r.type_code));
  const actual = {
    departments: data.departmentOnboarding.length,
    catalogTypes: catalogue.length,
    serviceEnabledTypes: catalogue.filter((t) => t.issuance_enabled === 1).length,
    issuedTypes: [...issuedCodes].filter((code) => catalogueCodes.has(code)).length,
    issuedTotal: data.issuanceDaily.reduce((s, r) => s + r.issued, 0),
    itemsStationed: data.itemOnboarding.length,
    itemsUsingCertificates: new Set(data.itemAcceptedTypes.map((r) => r.item_code)).size,
  };
  for (const [key, value] of Object.entries(actual)) {
    const expected = FIGURES_2021[key as keyof typeof actual];
    if (value !== expected) throw new Error(`certificates seed: ${key} is ${value}, the report says ${expected}`);
  }
}

/** The whole dataset, in memory; about 75,000 rows. */
export function generateDataset(): Dataset {
  const random = createRandom('govgraph-certificates-2021');
  const departments = onboardDepartments(random);
  const types = planTypes(random, departments.onboardedOn);
  const issuanceDaily = planIssuance(random, types);
  const items = planItems(random, departments.onboardedOn, types);
  const data: Dataset = {
    departmentOnboarding: departments.rows,
    certificateTypes: types.map((t) => t.row).sort((a, b) => (a.code < b.code ? -1 : 1)),
    issuanceDaily,
    itemOnboarding: items.onboarding,
    itemAcceptedTypes: items.accepted,
  };
  checkFigures(data);
  return data;
}

/** Writes a dataset; run inside seedOnce's transaction so it lands whole or not at all. */
export async function insertDataset(db: Kysely<Database>, data: Dataset): Promise<void> {
  await bulkInsert(db, 'department_onboarding', data.departmentOnboarding);
  await bulkInsert(db, 'certificate_types', data.certificateTypes);
  await bulkInsert(db, 'issuance_daily', data.issuanceDaily);
  await rebuildIssuanceRollups(db);
  await bulkInsert(db, 'item_onboarding', data.itemOnboarding);
  await bulkInsert(db, 'item_accepted_types', data.itemAcceptedTypes);
}

/** The seed seedOnce runs: the full 2021 dataset. */
export async function seed(db: Kysely<Database>): Promise<void> {
  await insertDataset(db, generateDataset());
}
