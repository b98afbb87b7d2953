/**
 * The deterministic full-scale 2021 dataset of the cloud subgraph. Every figure the 2021 report
 * gives for 政务云 and the data platform (CLOUD_FIGURES) comes out of these rows by the graph's
 * own SQL aggregates; everything around the figures (names, dates, sizes, daily volumes) is drawn
 * from a fixed-seed PRNG so that it looks real and is the same on every machine.
 */
import type { Insertable, Kysely } from 'kysely';
import {
  apportion,
  bulkInsert,
  createRandom,
  dayAfter,
  directory,
  isPublicHoliday,
  isWorkingDay,
  type DepartmentEntry,
  type Random,
} from '@govgraph/core';
import type { Database, DataFlow, SystemOrigin } from './schema.js';
import {
  CITY_SYSTEMS,
  DEMAND_SUBJECTS,
  DEPARTMENT_RESOURCES,
  EXPERT_FIELDS,
  EXPERT_ORGANISATIONS,
  GENERIC_RESOURCES,
  GENERIC_SYSTEMS,
  GIVEN_NAME_CHARACTERS,
  OFF_CLOUD_CITY_DEPARTMENTS,
  SURNAMES,
} from './seed-vocabulary.js';

/** Bumped whenever this generator's output changes, so a stale database is reported at start. */
export const CLOUD_DATASET_VERSION = 'cloud-2021.2';

/** The report's figures as this dataset holds them (余/多 values are exact values above the printed ones). */
export const CLOUD_FIGURES = {
  asOf: '2021-12-31',
  expansions: 2,
  capacity: { vcpu: 7712, memoryGb: 29536, storageTb: 988 },
  tenants: { departments: 57, systems: 99 },
  inventory: { informationSystems: 225, dataCatalogs: 1227, demandCatalogs: 50, experts: 142 },
  itemLinkRate: 1,
  /** 1.4亿多, 7034万多, 4640多万, 295万多 records over 2021. */
  flows: {
    LOCAL_AGGREGATED: 142_867_315,
    PROVINCE_RETURNED: 70_345_128,
    SHARED_TO_DEPARTMENTS: 46_406_519,
    SHARED_TO_COUNTIES: 2_953_847,
  } satisfies Record<DataFlow, number>,
} as const;

const YEAR_START = '2021-01-01';
const YEAR_END = '2021-12-31';

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

export interface CloudDataset {
  capacity_events: Rows<'capacity_events'>;
  business_systems: Rows<'business_systems'>;
  information_systems: Rows<'information_systems'>;
  data_catalogs: Rows<'data_catalogs'>;
  demand_catalogs: Rows<'demand_catalogs'>;
  experts: Rows<'experts'>;
  item_data_links: Rows<'item_data_links'>;
  data_flow_daily: Rows<'data_flow_daily'>;
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (ISO day strings throughout: no time zone can move a day)

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}


/** A random working day in [from, to]; resources are issued and entries filed in office hours. */
function randomWorkday(random: Random, from: string, to: string): string {
  const span = daysBetween(from, to);
  for (;;) {
    const day = addDays(from, random.int(0, span));
    if (isWorkingDay(day)) return day;
  }
}

/** Sort order for anything dated: earliest first. */
function byDay<T>(dayOf: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => (dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : 0);
}

function allDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = dayAfter(day)) days.push(day);
  return days;
}

// ---------------------------------------------------------------------------------------------
// Departments and names

/** The department's name without the prefix the directory puts before it (湛江市 / 湛江市赤坎区). */
function bareName(department: DepartmentEntry): string {
  const county = department.level === 'COUNTY' ? department.shortName.slice(0, 3) : '';
  return department.name.replace(`湛江市${county}`, '');
}

/** The systems a department could run: its named ones first, then generic ones in random order. */
function systemNamePool(department: DepartmentEntry, random: Random): string[] {
  const named = department.level === 'CITY' ? (CITY_SYSTEMS[bareName(department)] ?? []) : [];
  return [...named, ...random.shuffle(GENERIC_SYSTEMS).map((suffix) => `${department.name}${suffix}`)];
}

function resourcePool(department: DepartmentEntry, random: Random): string[] {
  const own = DEPARTMENT_RESOURCES[bareName(department)] ?? [];
  const generic = random.shuffle(GENERIC_RESOURCES.filter((r) => !own.includes(r)));
  return [...own, ...generic].map((resource) => `${department.shortName}${resource}`);
}

function personName(random: Random): string {
  const given = random.int(1, 10) <= 3 ? 1 : 2;
  let name = random.pick(SURNAMES);
  for (let i = 0; i < given; i++) name += random.pick(GIVEN_NAME_CHARACTERS);
  return name;
}

// ---------------------------------------------------------------------------------------------
// Capacity and tenants

interface CapacityStep {
  completedOn: string;
  kind: 'INITIAL' | 'EXPANSION';
  description: string;
  vcpu: number;
  memoryGb: number;
  storageTb: number;
}

/** The node's first build before 2021, then the two 2021 expansions that bring it to the report's figures. */
const CAPACITY_STEPS: readonly CapacityStep[] = [
  { completedOn: '2019-10-28', kind: 'INITIAL', description: '政务云湛江节点首期建成', vcpu: 3840, memoryGb: 15360, storageTb: 480 },
  { completedOn: '2021-05-20', kind: 'EXPANSION', description: '政务云湛江节点第一次扩容升级', vcpu: 1920, memoryGb: 6144, storageTb: 248 },
  { completedOn: '2021-11-26', kind: 'EXPANSION', description: '政务云湛江节点第二次扩容升级', vcpu: 1952, memoryGb: 8032, storageTb: 260 },
];

/**
 * When systems received resources (99 in all, the report's tenants.systems): a launch wave on the initial build, steady onboarding up to
 * the first expansion (which it nearly fills), then after each expansion. A phase's systems fit
 * within the capacity in force during it, so allocations never exceed capacity on any day.
 */
const ALLOCATION_PHASES: readonly { from: string; to: string; systems: number; migratedShare: number }[] = [
  { from: '2019-11-04', to: '2020-12-31', systems: 38, migratedShare: 0.75 },
  { from: '2021-01-04', to: '2021-05-19', systems: 18, migratedShare: 0.5 },
  { from: '2021-05-20', to: '2021-11-25', systems: 29, migratedShare: 0.35 },
  { from: '2021-11-26', to: '2021-12-31', systems: 14, migratedShare: 0.3 },
];

/** Share of the capacity in force that a phase may fill, leaving headroom as operators do. */
const HEADROOM = 0.92;

const VCPU_TIERS = [4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256] as const;
const VCPU_WEIGHTS = [3, 8, 14, 10, 16, 12, 12, 9, 7, 4, 2] as const;
const MEMORY_RATIOS = [2, 4, 8] as const;
const MEMORY_RATIO_WEIGHTS = [2, 6, 2] as const;
const STORAGE_TIERS = [0.5, 1, 2, 4, 6, 8, 12, 16, 24, 32] as const;
const STORAGE_WEIGHTS = [4, 8, 12, 14, 10, 10, 8, 6, 4, 2] as const;

interface SystemDraft {
  name: string;
  department: DepartmentEntry;
  vcpuTier: number;
  ratioTier: number;
  storageTier: number;
  phase: number;
  allocatedOn: string;
  origin: SystemOrigin;
}

const vcpuOf = (s: SystemDraft) => VCPU_TIERS[s.vcpuTier]!;
const memoryOf = (s: SystemDraft) => VCPU_TIERS[s.vcpuTier]! * MEMORY_RATIOS[s.ratioTier]!;
const storageOf = (s: SystemDraft) => STORAGE_TIERS[s.storageTier]!;

function pickTier(random: Random, weights: readonly number[]): number {
  return random.weighted(weights.map((w, i) => [i, w] as const));
}

/** County bodies among the tenants: most counties run their systems in their own rooms still. */
const COUNTY_TENANTS = 12;

/** The 57 tenant departments: the big city departments, more city ones, and a dozen county ones. */
function tenantDepartments(random: Random): DepartmentEntry[] {
  const cityCount = CLOUD_FIGURES.tenants.departments - COUNTY_TENANTS;
  const { departments } = directory();
  const city = departments.filter((d) => d.level === 'CITY' && !OFF_CLOUD_CITY_DEPARTMENTS.includes(bareName(d)));
  const named = city.filter((d) => (CITY_SYSTEMS[bareName(d)]?.length ?? 0) >= 2);
  const others = city.filter((d) => !named.includes(d));
  const cityTenants = [...named, ...random.sample(others, cityCount - named.length)];
  const county = departments.filter((d) => d.level === 'COUNTY');
  const countyDataBureaus = county.filter((d) => bareName(d) === '政务服务数据管理局');
  const countyTenants = [
    ...random.sample(countyDataBureaus, COUNTY_TENANTS / 2),
    ...random.sample(county.filter((d) => !countyDataBureaus.includes(d)), COUNTY_TENANTS / 2),
  ];
  return [...cityTenants, ...countyTenants];
}

function draftSystems(random: Random, tenants: DepartmentEntry[]): SystemDraft[] {
  const pools = new Map(tenants.map((d) => [d.code, systemNamePool(d, random)]));
  const counts = new Map(tenants.map((d) => [d.code, 1]));
  const total = ALLOCATION_PHASES.reduce((s, p) => s + p.systems, 0);
  // Departments with many named systems (data bureau, police, health) run more of them on the cloud.
  const weightOf = (d: DepartmentEntry) =>
    d.level === 'COUNTY' ? 0.3 : 0.4 + (CITY_SYSTEMS[bareName(d)]?.length ?? 0) * 0.8;
  for (let extra = total - tenants.length; extra > 0; extra--) {
    const open = tenants.filter((d) => counts.get(d.code)! < Math.min(pools.get(d.code)!.length, 6));
    const chosen = random.weighted(open.map((d) => [d, weightOf(d)] as const));
    counts.set(chosen.code, counts.get(chosen.code)! + 1);
  }
  const drafts: SystemDraft[] = [];
  for (const department of tenants) {
    for (const name of pools.get(department.code)!.slice(0, counts.get(department.code)!)) {
      drafts.push({
        name,
        department,
        vcpuTier: pickTier(random, VCPU_WEIGHTS),
        ratioTier: pickTier(random, MEMORY_RATIO_WEIGHTS),
        storageTier: pickTier(random, STORAGE_WEIGHTS),
        phase: 0,
        allocatedOn: '',
        origin: 'MIGRATED',
      });
    }
  }
  return drafts;
}

function capacityOn(day: string): { vcpu: number; memoryGb: number; storageTb: number } {
  const steps = CAPACITY_STEPS.filter((s) => s.completedOn <= day);
  return {
    vcpu: steps.reduce((s, c) => s + c.vcpu, 0),
    memoryGb: steps.reduce((s, c) => s + c.memoryGb, 0),
    storageTb: steps.reduce((s, c) => s + c.storageTb, 0),
  };
}

/**
 * Shrinks the largest requests of a phase, one tier at a time, until everything allocated up to
 * the phase's end fits within HEADROOM of the capacity in force (operators trim oversized requests).
 */
function fitPhase(systems: SystemDraft[], phase: number): void {
  const upToPhase = systems.filter((s) => s.phase <= phase);
  const inPhase = systems.filter((s) => s.phase === phase);
  const cap = capacityOn(ALLOCATION_PHASES[phase]!.to);
  const dimensions: { size: (s: SystemDraft) => number; limit: number; shrinkable: (s: SystemDraft) => boolean; shrink: (s: SystemDraft) => void }[] = [
    { size: vcpuOf, limit: cap.vcpu, shrinkable: (s) => s.vcpuTier > 0, shrink: (s) => void s.vcpuTier-- },
    {
      size: memoryOf,
      limit: cap.memoryGb,
      shrinkable: (s) => s.ratioTier > 0 || s.vcpuTier > 0,
      shrink: (s) => void (s.ratioTier > 0 ? s.ratioTier-- : s.vcpuTier--),
    },
    { size: storageOf, limit: cap.storageTb, shrinkable: (s) => s.storageTier > 0, shrink: (s) => void s.storageTier-- },
  ];
  for (const { size, limit, shrinkable, shrink } of dimensions) {
    const sum = () => upToPhase.reduce((s, x) => s + size(x), 0);
    while (sum() > limit * HEADROOM) {
      const largest = inPhase.filter(shrinkable).sort((a, b) => size(b) - size(a))[0];
      if (!largest) throw new Error(`phase ${phase} cannot fit within capacity`);
      shrink(largest);
    }
  }
}

function buildBusinessSystems(random: Random): CloudDataset['business_systems'] {
  const systems = random.shuffle(draftSystems(random, tenantDepartments(random)));
  let next = 0;
  ALLOCATION_PHASES.forEach((phase, index) => {
    for (const system of systems.slice(next, next + phase.systems)) {
      system.phase = index;
      system.allocatedOn = randomWorkday(random, phase.from, phase.to);
      system.origin = random.next() < phase.migratedShare ? 'MIGRATED' : 'NEW_DEPLOYMENT';
    }
    next += phase.systems;
  });
  // In phase order: a phase is trimmed only after everything before it is final.
  ALLOCATION_PHASES.forEach((_phase, index) => fitPhase(systems, index));
  systems.sort(byDay((s) => s.allocatedOn));
  return systems.map((s, i) => ({
    id: `BS-2021-${String(i + 1).padStart(3, '0')}`,
    name: s.name,
    department_code: s.department.code,
    origin: s.origin,
    vcpu: vcpuOf(s),
    memory_gb: memoryOf(s),
    storage_tb: storageOf(s),
    allocated_on: s.allocatedOn,
  }));
}

// ---------------------------------------------------------------------------------------------
// The 2021 census: information systems, catalogues, demands, experts, item links

function buildInformationSystems(
  random: Random,
  systems: CloudDataset['business_systems'],
): CloudDataset['information_systems'] {
  const { departments, departmentByCode } = directory();
  const onCloud = new Set(systems.map((s) => s.name));
  // The census lists every system on the cloud plus the ones still in departments' own rooms.
  const candidates = departments
    .filter((d) => d.level !== 'TOWNSHIP')
    .flatMap((d) => systemNamePool(d, random).map((name) => ({ name, department: d })))
    .filter((c) => !onCloud.has(c.name));
  const listed = [
    ...systems.map((s) => ({ name: s.name, department: departmentByCode.get(s.department_code)! })),
    ...random.sample(candidates, CLOUD_FIGURES.inventory.informationSystems - systems.length),
  ].map((s) => ({ ...s, registeredOn: randomWorkday(random, '2021-03-15', '2021-07-30') }));
  listed.sort(byDay((s) => s.registeredOn));
  return listed.map((s, i) => ({
    id: `IS-2021-${String(i + 1).padStart(4, '0')}`,
    name: s.name,
    department_code: s.department.code,
    registered_on: s.registeredOn,
  }));
}

function buildDataCatalogs(random: Random): CloudDataset['data_catalogs'] {
  const providers = directory().departments.filter((d) => d.level !== 'TOWNSHIP');
  // Front-line city departments hold the most data; every city department holds some.
  const weights = providers.map((d) => (d.level === 'COUNTY' ? 0.45 : d.stationedInCenter ? 3 : 1.2));
  const counts = apportion(CLOUD_FIGURES.inventory.dataCatalogs, weights);
  const entries = providers.flatMap((department, i) =>
    resourcePool(department, random)
      .slice(0, counts[i])
      .map((name) => ({ name, department, registeredOn: randomWorkday(random, '2021-03-01', '2021-09-30') })),
  );
  entries.sort(byDay((e) => e.registeredOn));
  return entries.map((e, i) => ({
    id: `DC-2021-${String(i + 1).padStart(5, '0')}`,
    name: e.name,
    department_code: e.department.code,
    registered_on: e.registeredOn,
  }));
}

/**
 * Every city-level application-based item is registered for data compilation and, by the end of
 * the year, linked to a catalogue entry of its own department: the 100% link rate.
 */
function buildItemLinks(random: Random, catalogs: CloudDataset['data_catalogs']): CloudDataset['item_data_links'] {
  const byDepartment = new Map<string, CloudDataset['data_catalogs']>();
  for (const c of catalogs) {
    const own = byDepartment.get(c.department_code);
    if (own) own.push(c);
    else byDepartment.set(c.department_code, [c]);
  }
  return directory()
    .items.filter((item) => item.level === 'CITY' && item.applicationBased)
    .map((item) => {
      const own = byDepartment.get(item.departmentCode);
      if (!own) throw new Error(`department ${item.departmentCode} has items but no catalogue entry`);
      const catalog = random.pick(own);
      const registeredOn = randomWorkday(random, '2021-04-01', '2021-06-30');
      const ready = registeredOn > catalog.registered_on ? registeredOn : catalog.registered_on;
      const linkedOn = addDays(ready, random.int(3, 60));
      return {
        item_code: item.code,
        catalog_id: catalog.id,
        registered_on: registeredOn,
        linked_on: linkedOn < '2021-12-24' ? linkedOn : '2021-12-24',
      };
    });
}

function buildDemandCatalogs(random: Random): CloudDataset['demand_catalogs'] {
  const requesters = directory().departments.filter((d) => d.level === 'CITY');
  const names = new Set<string>();
  const demands: { name: string; department: DepartmentEntry; registeredOn: string }[] = [];
  while (demands.length < CLOUD_FIGURES.inventory.demandCatalogs) {
    const department = random.pick(requesters);
    const name = `${department.shortName}申请共享${random.pick(DEMAND_SUBJECTS)}`;
    if (names.has(name) || DEPARTMENT_RESOURCES[bareName(department)]?.some((r) => name.endsWith(r))) continue;
    names.add(name);
    demands.push({ name, department, registeredOn: randomWorkday(random, '2021-05-10', '2021-10-29') });
  }
  demands.sort(byDay((d) => d.registeredOn));
  return demands.map((d, i) => ({
    id: `DM-2021-${String(i + 1).padStart(3, '0')}`,
    name: d.name,
    department_code: d.department.code,
    registered_on: d.registeredOn,
  }));
}

function buildExperts(random: Random): CloudDataset['experts'] {
  const names = new Set<string>();
  const experts: CloudDataset['experts'] = [];
  while (experts.length < CLOUD_FIGURES.inventory.experts) {
    const name = personName(random);
    if (names.has(name)) continue;
    names.add(name);
    experts.push({
      id: `EX-2021-${String(experts.length + 1).padStart(3, '0')}`,
      name,
      field: random.weighted(EXPERT_FIELDS),
      organisation: random.weighted(EXPERT_ORGANISATIONS),
      // The pool was selected in one round in mid-2021, a few admissions later in the year.
      joined_on: random.next() < 0.85 ? '2021-07-16' : randomWorkday(random, '2021-08-02', '2021-11-30'),
    });
  }
  return experts;
}

// ---------------------------------------------------------------------------------------------
// Data platform volumes

/** Relative daily volume of a flow: office-day rhythm, holidays, the year's ramp-up, noise. */
function flowWeight(flow: DataFlow, day: string, random: Random): number {
  const progress = daysBetween(YEAR_START, day) / 364;
  const rhythm = isPublicHoliday(day) ? 0.35 : isWorkingDay(day) ? 1 : 0.45;
  const noise = 0.8 + random.next() * 0.4;
  switch (flow) {
    // Local systems are hooked up through the year, so aggregation grows.
    case 'LOCAL_AGGREGATED':
      return rhythm * (0.6 + 0.9 * progress) * noise;
    // The province pushes returned data in large batches at the start of each month.
    case 'PROVINCE_RETURNED':
      return (Number(day.slice(8, 10)) <= 3 ? 4 : 1) * (0.7 + 0.5 * progress) * noise;
    case 'SHARED_TO_DEPARTMENTS':
      return rhythm * (0.5 + progress) * noise;
    // County sharing started slowly after the sub-node went live and picked up in the second half.
    case 'SHARED_TO_COUNTIES':
      return rhythm * (0.2 + 1.5 * progress) * noise;
  }
}

function buildDataFlows(random: Random): CloudDataset['data_flow_daily'] {
  const days = allDays(YEAR_START, YEAR_END);
  return (Object.keys(CLOUD_FIGURES.flows) as DataFlow[]).flatMap((flow) => {
    const records = apportion(CLOUD_FIGURES.flows[flow], days.map((day) => flowWeight(flow, day, random)));
    return days.map((day, i) => ({ day, flow, records: records[i]! }));
  });
}

// ---------------------------------------------------------------------------------------------

/** The whole dataset, built in memory (a few tens of milliseconds), ready for bulk insertion. */
export function buildDataset(): CloudDataset {
  const random = createRandom('govgraph-cloud-2021');
  const businessSystems = buildBusinessSystems(random);
  const catalogs = buildDataCatalogs(random);
  return {
    capacity_events: CAPACITY_STEPS.map((s, i) => ({
      id: i + 1,
      completed_on: s.completedOn,
      kind: s.kind,
      description: s.description,
      vcpu: s.vcpu,
      memory_gb: s.memoryGb,
      storage_tb: s.storageTb,
    })),
    business_systems: businessSystems,
    information_systems: buildInformationSystems(random, businessSystems),
    data_catalogs: catalogs,
    demand_catalogs: buildDemandCatalogs(random),
    experts: buildExperts(random),
    item_data_links: buildItemLinks(random, catalogs),
    data_flow_daily: buildDataFlows(random),
  };
}

/** Seeds the full 2021 dataset; seedOnce runs it inside its single transaction. */
export async function seed(db: Kysely<Database>): Promise<void> {
  const dataset = buildDataset();
  // Catalogue entries before the links that reference them (foreign keys are on in SQLite).
  const order: (keyof CloudDataset)[] = [
    'capacity_events', 'business_systems', 'information_systems', 'data_catalogs',
    'demand_catalogs', 'experts', 'item_data_links', 'data_flow_daily',
  ];
  for (const table of order) await bulkInsert(db, table, dataset[table]);
}
