/**
 * Tables of the certificates subgraph's own database. Department, item and type codes are the
 * shared directory's; booleans are 0/1 integers and days are `YYYY-MM-DD` text, so the same
 * queries run on SQLite and PostgreSQL. Type aliases rather than interfaces, so that rows are plain
 * records to bulkInsert.
 */
export type HolderKind = 'PERSON' | 'ORGANIZATION';

/** A department joined to the city e-certificate system (进驻电子证照系统). */
export type DepartmentOnboardingTable = {
  department_code: string;
  onboarded_on: string;
};

/** A kind of licence or certificate the system knows (电子证照类型). */
export type CertificateTypesTable = {
  code: string;
  name: string;
  department_code: string;
  in_city_catalog: number;
  issuance_enabled: number;
  /** The day issuance was switched on; null exactly when `issuance_enabled` is 0. */
  issuance_enabled_on: string | null;
  holder_kind: HolderKind;
  validity_years: number | null;
  /** The day the type entered the catalogue (or, outside it, the system). */
  added_on: string;
};

/** Certificates of one type issued by one department on one day; only days with issuance. */
export type IssuanceDailyTable = {
  type_code: string;
  department_code: string;
  day: string;
  issued: number;
};

/**
 * Issuance per type and department summed over a month or a year (签发量汇总), so that a period
 * reads a row per key and month or year instead of one per day; the day grain is issuance_daily
 * itself. Only keys with issuance in the period have a row.
 */
export type IssuanceRollupTable = {
  grain: 'MONTH' | 'YEAR';
  /** `2021-03` for a month, `2021` for a year. */
  period: string;
  type_code: string;
  department_code: string;
  issued: number;
};

/**
 * Issuance of every type and department together per day, month and year: what a city-wide trend
 * or total reads (a year by day is 365 rows here, 52,000 in issuance_daily).
 */
export type IssuanceTotalRollupTable = {
  grain: 'DAY' | 'MONTH' | 'YEAR';
  /** `2021-03-05`, `2021-03` or `2021`. */
  period: string;
  issued: number;
};

/**
 * The certificate system's issuance log as imported (签发日志): what the upstream last said was
 * issued of one type by one department on one day, with the upstream's `updatedAt` as the
 * version. `issued` may be 0 (a day corrected to none), which issuance_daily never holds, so a
 * correction stays remembered and an older count arriving later cannot bring the day back.
 */
export type IssuanceLogTable = {
  type_code: string;
  department_code: string;
  day: string;
  issued: number;
  /** The upstream's updatedAt, `YYYY-MM-DDTHH:mm:ss[.sss]+08:00`: compared as text. */
  updated_at: string;
};

/** A service item joined to the system (进驻事项). */
export type ItemOnboardingTable = {
  item_code: string;
  onboarded_on: string;
};

/** A certificate type an item accepts in place of the paper original (用证). */
export type ItemAcceptedTypesTable = {
  item_code: string;
  type_code: string;
  accepted_from: string;
};

export interface Database {
  department_onboarding: DepartmentOnboardingTable;
  certificate_types: CertificateTypesTable;
  issuance_daily: IssuanceDailyTable;
  issuance_log: IssuanceLogTable;
  issuance_rollup: IssuanceRollupTable;
  issuance_total_rollup: IssuanceTotalRollupTable;
  item_onboarding: ItemOnboardingTable;
  item_accepted_types: ItemAcceptedTypesTable;
}
