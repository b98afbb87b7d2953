/**
 * The shared directory: every department, administrative division and service-item code in the
 * dataset, generated once, deterministically, by this one module. Each subgraph's seed draws its
 * references from here, so every code the certificates, cloud and hotline data name resolves in
 * the service-item catalogue (the system of record for all three).
 */
import { createRandom, type Random } from './seeding.js';
import { governmentUscc } from './uscc.js';

export type AdministrativeLevel = 'CITY' | 'COUNTY' | 'TOWNSHIP';
export type RegionLevel = 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
export type ServiceItemKind =
  | 'ADMINISTRATIVE_LICENSE'
  | 'ADMINISTRATIVE_PAYMENT'
  | 'ADMINISTRATIVE_CONFIRMATION'
  | 'ADMINISTRATIVE_ADJUDICATION'
  | 'ADMINISTRATIVE_REWARD'
  | 'OTHER_ADMINISTRATIVE_POWER'
  | 'PUBLIC_SERVICE';

export interface RegionEntry {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface DepartmentEntry {
  code: string;
  name: string;
  shortName: string;
  level: AdministrativeLevel;
  regionCode: string;
  stationedInCenter: boolean;
}

export interface ServiceItemEntry {
  code: string;
  name: string;
  departmentCode: string;
  level: AdministrativeLevel;
  regionCode: string;
  kind: ServiceItemKind;
  applicationBased: boolean;
}

export interface Directory {
  regions: RegionEntry[];
  departments: DepartmentEntry[];
  items: ServiceItemEntry[];
  regionByCode: Map<string, RegionEntry>;
  departmentByCode: Map<string, DepartmentEntry>;
  itemByCode: Map<string, ServiceItemEntry>;
}

export const CITY_CODE = '440800';

/** County-level divisions of Zhanjiang with how many townships/streets each holds (121 in all). */
export const COUNTIES: readonly { code: string; name: string; townships: number; district: boolean }[] = [
  { code: '440802', name: '赤坎区', townships: 10, district: true },
  { code: '440803', name: '霞山区', townships: 12, district: true },
  { code: '440804', name: '坡头区', townships: 8, district: true },
  { code: '440811', name: '麻章区', townships: 9, district: true },
  { code: '440823', name: '遂溪县', townships: 15, district: false },
  { code: '440825', name: '徐闻县', townships: 15, district: false },
  { code: '440881', name: '廉江市', townships: 21, district: false },
  { code: '440882', name: '雷州市', townships: 21, district: false },
  { code: '440883', name: '吴川市', townships: 10, district: false },
];

export const VILLAGE_COUNT = 1944;

/** City-level departments and other implementing bodies; the first 45 are stationed in the center. */
const CITY_DEPARTMENTS: readonly string[] = [
  '发展和改革局', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局',
  '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水务局',
  '农业农村局', '商务局', '文化广电旅游体育局', '卫生健康局', '退役军人事务局', '应急管理局',
  '市场监督管理局', '医疗保障局', '城市管理和综合执法局', '林业局', '海洋与渔业局', '政务服务数据管理局',
  '民族宗教事务局', '人民防空办公室', '住房公积金管理中心', '社会保险基金管理局', '不动产登记中心',
  '公共资源交易中心', '残疾人联合会', '税务局', '气象局', '消防救援支队', '烟草专卖局', '邮政管理局',
  '档案局', '地方金融工作局', '港航事务中心', '出入境管理支队', '公安局交通警察支队', '殡葬管理所',
  '婚姻登记处',
  // Not stationed in the city administrative service center:
  '审计局', '统计局', '信访局', '外事局', '国有资产监督管理委员会', '港澳事务局', '粮食和物资储备局',
  '乡村振兴局', '机关事务管理局', '总工会', '妇女联合会', '共青团委员会', '红十字会', '科学技术协会',
  '工商业联合会', '文学艺术界联合会', '侨务局', '供销合作联社', '老干部局', '地震局', '疾病预防控制中心',
  '中心血站', '救助管理站',
];
const STATIONED_CITY_DEPARTMENTS = 45;

/** Bodies every county-level division has. */
const COUNTY_DEPARTMENTS: readonly string[] = [
  '发展和改革局', '教育局', '公安分局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局',
  '住房和城乡建设局', '交通运输局', '水务局', '农业农村局', '卫生健康局', '市场监督管理局', '医疗保障局',
  '应急管理局', '退役军人事务局', '文化广电旅游体育局', '政务服务数据管理局', '城市管理和综合执法局',
];

const PLACE_SYLLABLES = [
  '东', '西', '南', '北', '新', '安', '和', '平', '丰', '兴', '福', '乐', '民', '昌', '龙', '海', '港', '湖', '山',
  '田', '塘', '洋', '岭', '坡', '沙', '河', '桥', '头', '城', '宁', '康', '华', '盛', '富', '隆', '泰', '水', '林',
  '石', '湾', '岸', '井', '溪', '园', '屯', '埠', '江', '圩', '甲', '乾', '霞', '赤', '坎', '麻', '章', '遂', '徐',
];

/** Item counts by level, kind family: the catalogue shape the 2021 figures come from. */
const ITEM_PLAN: Record<AdministrativeLevel, { licences: number; otherApplication: number; publicService: number }> = {
  CITY: { licences: 1029, otherApplication: 871, publicService: 900 },
  COUNTY: { licences: 2221, otherApplication: 5062, publicService: 4417 },
  TOWNSHIP: { licences: 200, otherApplication: 1500, publicService: 1600 },
};

const OTHER_APPLICATION_KINDS: readonly (readonly [ServiceItemKind, number])[] = [
  ['ADMINISTRATIVE_CONFIRMATION', 40],
  ['ADMINISTRATIVE_PAYMENT', 25],
  ['OTHER_ADMINISTRATIVE_POWER', 25],
  ['ADMINISTRATIVE_REWARD', 6],
  ['ADMINISTRATIVE_ADJUDICATION', 4],
];

const KIND_CODE: Record<ServiceItemKind, string> = {
  ADMINISTRATIVE_LICENSE: 'XK',
  ADMINISTRATIVE_PAYMENT: 'JF',
  ADMINISTRATIVE_CONFIRMATION: 'QR',
  ADMINISTRATIVE_ADJUDICATION: 'CJ',
  ADMINISTRATIVE_REWARD: 'JL',
  OTHER_ADMINISTRATIVE_POWER: 'QT',
  PUBLIC_SERVICE: 'GG',
};

const ITEM_SUBJECTS = [
  '企业设立登记', '建设工程规划许可', '施工许可证核发', '食品经营许可', '药品零售许可', '道路运输经营许可',
  '社会保障卡申领', '医疗费用报销', '最低生活保障审批', '残疾人证核发', '户籍迁入', '居民身份证换领',
  '不动产登记', '住房公积金提取', '取水许可', '排污许可', '林木采伐许可', '渔业捕捞许可', '民办学校设立',
  '教师资格认定', '职业资格证书核发', '就业失业登记', '养老保险关系转移', '生育津贴申领', '特种设备使用登记',
  '出版物经营许可', '娱乐场所经营许可', '医疗机构执业登记', '护士执业注册', '建筑业企业资质', '消防设计审查',
  '临时占用道路许可', '城市绿地占用审批', '户外广告设置审批', '船舶登记', '港口经营许可', '烟草专卖零售许可',
  '婚姻登记', '收养登记', '殡葬服务', '优抚对象认定', '退役士兵安置', '法律援助申请', '公证办理',
];

function placeName(random: Random, used: Set<string>): string {
  for (;;) {
    const name = random.pick(PLACE_SYLLABLES) + random.pick(PLACE_SYLLABLES);
    if (!used.has(name) && name[0] !== name[1]) {
      used.add(name);
      return name;
    }
  }
}

function buildRegions(random: Random): RegionEntry[] {
  const regions: RegionEntry[] = [{ code: CITY_CODE, name: '湛江市', level: 'CITY', parentCode: null }];
  const townships: RegionEntry[] = [];
  const used = new Set<string>();
  for (const county of COUNTIES) {
    regions.push({ code: county.code, name: county.name, level: 'COUNTY', parentCode: CITY_CODE });
    for (let i = 1; i <= county.townships; i++) {
      // Districts are mostly streets (街道); counties and county-level cities mostly towns (镇).
      const suffix = county.district ? (i <= Math.ceil(county.townships * 0.6) ? '街道' : '镇') : i <= 2 ? '街道' : '镇';
      const township = {
        code: `${county.code}${String(i).padStart(3, '0')}`,
        name: placeName(random, used) + suffix,
        level: 'TOWNSHIP' as const,
        parentCode: county.code,
      };
      regions.push(township);
      townships.push(township);
    }
  }
  const perTownship = Math.floor(VILLAGE_COUNT / townships.length);
  let extra = VILLAGE_COUNT - perTownship * townships.length;
  for (const township of townships) {
    const count = perTownship + (extra-- > 0 ? 1 : 0);
    const urban = township.name.endsWith('街道');
    for (let i = 1; i <= count; i++) {
      regions.push({
        code: `${township.code}${String(i).padStart(3, '0')}`,
        name: placeName(random, used) + (urban ? '社区' : '村'),
        level: 'VILLAGE',
        parentCode: township.code,
      });
    }
  }
  return regions;
}

function buildDepartments(regions: RegionEntry[]): DepartmentEntry[] {
  const departments: DepartmentEntry[] = [];
  let serial = 1;
  CITY_DEPARTMENTS.forEach((name, i) => {
    departments.push({
      code: governmentUscc(CITY_CODE, serial++),
      name: `湛江市${name}`,
      shortName: `市${name}`,
      level: 'CITY',
      regionCode: CITY_CODE,
      stationedInCenter: i < STATIONED_CITY_DEPARTMENTS,
    });
  });
  for (const county of COUNTIES) {
    for (const name of COUNTY_DEPARTMENTS) {
      departments.push({
        code: governmentUscc(county.code, serial++),
        name: `湛江市${county.name}${name}`,
        shortName: `${county.name}${name}`,
        level: 'COUNTY',
        regionCode: county.code,
        stationedInCenter: false,
      });
    }
  }
  for (const township of regions.filter((r) => r.level === 'TOWNSHIP')) {
    const county = COUNTIES.find((c) => township.code.startsWith(c.code))!;
    const body = township.name.endsWith('街道') ? `${township.name}办事处` : `${township.name}人民政府`;
    departments.push({
      code: governmentUscc(county.code, serial++),
      name: `${county.name}${body}`,
      shortName: township.name,
      level: 'TOWNSHIP',
      regionCode: township.code,
      stationedInCenter: false,
    });
  }
  return departments;
}

function buildItems(departments: DepartmentEntry[], random: Random): ServiceItemEntry[] {
  const items: ServiceItemEntry[] = [];
  const serialByRegion = new Map<string, number>();
  for (const level of ['CITY', 'COUNTY', 'TOWNSHIP'] as const) {
    const owners = departments.filter((d) => d.level === level);
    // Stationed city departments carry most city items: they are the ones with front-line services.
    const weights = owners.map((d) => (d.stationedInCenter ? 5 : 1));
    const plan = ITEM_PLAN[level];
    const kinds: ServiceItemKind[] = [
      ...Array<ServiceItemKind>(plan.licences).fill('ADMINISTRATIVE_LICENSE'),
      ...Array.from({ length: plan.otherApplication }, () => random.weighted(OTHER_APPLICATION_KINDS)),
      ...Array<ServiceItemKind>(plan.publicService).fill('PUBLIC_SERVICE'),
    ];
    for (const kind of kinds) {
      const owner = random.weighted(owners.map((d, i) => [d, weights[i]!] as const));
      const regionCode = owner.regionCode.slice(0, 6);
      const serial = (serialByRegion.get(regionCode) ?? 0) + 1;
      serialByRegion.set(regionCode, serial);
      items.push({
        code: `${regionCode}${KIND_CODE[kind]}${String(serial).padStart(5, '0')}`,
        name: `${random.pick(ITEM_SUBJECTS)}${kind === 'PUBLIC_SERVICE' ? '咨询服务' : ''}（${owner.shortName}）`,
        departmentCode: owner.code,
        level,
        regionCode: owner.regionCode,
        kind,
        applicationBased: kind !== 'PUBLIC_SERVICE',
      });
    }
  }
  return items.sort((a, b) => (a.code < b.code ? -1 : 1));
}

let cached: Directory | undefined;

/** The directory; built on first use (about 50 ms) and shared by everything in the process. */
export function directory(): Directory {
  if (cached) return cached;
  const random = createRandom('govgraph-directory-2021');
  const regions = buildRegions(random);
  const departments = buildDepartments(regions);
  const items = buildItems(departments, random);
  cached = {
    regions,
    departments,
    items,
    regionByCode: new Map(regions.map((r) => [r.code, r])),
    departmentByCode: new Map(departments.map((d) => [d.code, d])),
    itemByCode: new Map(items.map((i) => [i.code, i])),
  };
  return cached;
}

/** True when `code` is the division `ancestor` or lies below it (codes extend their parent's). */
export function isWithinRegion(code: string, ancestor: string): boolean {
  if (ancestor === CITY_CODE) return code.startsWith('4408');
  return code.startsWith(ancestor);
}
