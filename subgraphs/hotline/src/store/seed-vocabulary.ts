/**
 * Word lists and shape parameters the seed draws from. Kept apart from the generator so the
 * generator reads as the story of a year of calls, and these tables can be tuned on their own.
 */
import type { WorkOrderCategory, WorkOrderChannel } from './schema.js';

/** Relative call volume per county-level division: population, with city districts calling more. */
export const COUNTY_CALL_WEIGHTS: Readonly<Record<string, number>> = {
  '440802': 0.62, // 赤坎区
  '440803': 0.95, // 霞山区
  '440804': 0.42, // 坡头区
  '440811': 0.6, // 麻章区
  '440823': 0.9, // 遂溪县
  '440825': 0.68, // 徐闻县
  '440881': 1.35, // 廉江市
  '440882': 1.3, // 雷州市
  '440883': 0.88, // 吴川市
};

/** Sunday first, as `Date.getUTCDay()` numbers them: offices and callers keep office hours. */
export const WEEKDAY_WEIGHTS = [0.56, 1.14, 1.06, 1.02, 1.0, 0.97, 0.63] as const;

/** January first: a hot, wet summer (water, power, typhoons) brings the most calls. */
export const MONTH_WEIGHTS = [0.94, 0.82, 0.95, 0.96, 1.0, 1.08, 1.16, 1.19, 1.06, 0.98, 0.95, 0.97] as const;

/** Public holidays of 2021 and the two typhoons that hit the city, as day → factor. */
export const SPECIAL_DAYS: Readonly<Record<string, number>> = {
  '2021-01-01': 0.7,
  ...spanOf('2021-02-11', 7, 0.55), // Spring Festival
  ...spanOf('2021-04-03', 3, 0.75), // Qingming
  ...spanOf('2021-05-01', 5, 0.72), // Labour Day
  ...spanOf('2021-06-12', 3, 0.78), // Dragon Boat Festival
  ...spanOf('2021-09-19', 3, 0.8), // Mid-Autumn Festival
  ...spanOf('2021-10-01', 7, 0.68), // National Day
  '2021-07-20': 1.55, // typhoon Cempaka
  '2021-07-21': 1.35,
  '2021-10-13': 1.6, // typhoon Kompasu
  '2021-10-14': 1.4,
};

function spanOf(first: string, days: number, factor: number): Record<string, number> {
  const out: Record<string, number> = {};
  const start = Date.parse(`${first}T00:00:00Z`);
  for (let i = 0; i < days; i++) out[new Date(start + i * 86_400_000).toISOString().slice(0, 10)] = factor;
  return out;
}

/** Calls per hour of the day, midnight first: the line is staffed around the clock. */
export const HOUR_WEIGHTS = [
  0.45, 0.28, 0.17, 0.12, 0.12, 0.22, 0.6, 1.6, 4.6, 8.1, 8.6, 7.6, 4.4, 4.5, 7.1, 7.9, 7.6, 6.1, 3.9, 3.3, 3.1,
  2.6, 1.7, 0.95,
] as const;

export const CHANNEL_WEIGHTS: readonly (readonly [WorkOrderChannel, number])[] = [
  ['PHONE', 81.5],
  ['WECHAT', 8.2],
  ['WEB', 5.1],
  ['APP', 4.3],
  ['MAIL', 0.9],
];

export const CATEGORY_WEIGHTS: readonly (readonly [WorkOrderCategory, number])[] = [
  ['CONSULTATION', 58.4],
  ['HELP', 16.9],
  ['COMPLAINT', 14.2],
  ['SUGGESTION', 5.7],
  ['REPORT', 4.8],
];

/** How much more likely than an enquiry a request is to need a department (转派). */
export const DISPATCH_PROPENSITY: Readonly<Record<WorkOrderCategory, number>> = {
  CONSULTATION: 0.35,
  HELP: 1.6,
  COMPLAINT: 4.2,
  SUGGESTION: 1.3,
  REPORT: 5.5,
};

/** Written channels are more often forwarded than calls answered on the spot. */
export const CHANNEL_DISPATCH_PROPENSITY: Readonly<Record<WorkOrderChannel, number>> = {
  PHONE: 1,
  WECHAT: 1.3,
  WEB: 1.5,
  APP: 1.3,
  MAIL: 2.2,
};

/** Which departments receive dispatched orders most, matched on their names; others weigh 1. */
export const DEPARTMENT_DISPATCH_WEIGHTS: readonly (readonly [string, number])[] = [
  ['城市管理和综合执法局', 11],
  ['住房和城乡建设局', 9],
  ['市场监督管理局', 9],
  ['人力资源和社会保障局', 7],
  ['公安', 6],
  ['交通运输局', 6],
  ['生态环境局', 5],
  ['水务局', 5],
  ['自然资源局', 4],
  ['教育局', 4],
  ['卫生健康局', 4],
  ['医疗保障局', 4],
  ['民政局', 3],
  ['农业农村局', 3],
  ['住房公积金管理中心', 3],
  ['不动产登记中心', 3],
  ['社会保险基金管理局', 3],
  ['应急管理局', 2],
  ['文化广电旅游体育局', 2],
  ['税务局', 2],
];

/** Topics for orders that name no service item, with `{place}` for the township or village. */
export const SUMMARY_TOPICS: Readonly<Record<WorkOrderCategory, readonly string[]>> = {
  CONSULTATION: [
    '咨询社保卡补办流程', '咨询住房公积金提取条件', '咨询户口迁移所需材料', '咨询新生儿医保参保办理',
    '咨询不动产登记办理时限', '咨询居住证申领条件', '咨询灵活就业人员参保', '咨询子女入学报名安排',
    '咨询驾驶证到期换证', '咨询城乡居民养老保险缴费', '咨询核酸检测点开放时间', '咨询疫苗接种预约',
    '咨询营业执照变更登记', '咨询失业保险金申领', '咨询高龄津贴发放时间', '咨询公交线路调整',
  ],
  HELP: [
    '{place}停水求助', '{place}小区停电求助', '{place}路段井盖缺失', '{place}路面积水严重',
    '{place}树木倒伏阻碍通行', '{place}下水道堵塞', '{place}老人走失求助', '{place}电梯困人求助',
    '{place}路灯不亮', '{place}水管爆裂',
  ],
  COMPLAINT: [
    '反映{place}夜间施工噪音扰民', '反映{place}餐饮油烟扰民', '反映{place}占道经营', '反映{place}小区物业服务差',
    '反映{place}商家拒绝退款', '反映{place}垃圾清运不及时', '反映{place}违规收费', '反映{place}工资被拖欠',
    '反映{place}出租车拒载', '反映{place}广场舞噪音扰民',
  ],
  SUGGESTION: [
    '建议{place}增设公交站点', '建议{place}增加停车位', '建议{place}增设红绿灯', '建议{place}改造老旧小区',
    '建议{place}增设公共厕所', '建议延长办事大厅服务时间', '建议{place}增设充电桩',
  ],
  REPORT: [
    '举报{place}无证经营', '举报{place}违法建设', '举报{place}非法排污', '举报{place}销售假冒伪劣商品',
    '举报{place}非法捕捞', '举报{place}违规占用耕地', '举报{place}非法运营车辆',
  ],
};

/** How an order about a service item is summarised, by category. `{item}` is the item's subject. */
export const ITEM_SUMMARY: Readonly<Record<WorkOrderCategory, string>> = {
  CONSULTATION: '咨询{item}的办理条件和材料',
  HELP: '求助办理{item}',
  COMPLAINT: '反映{item}办理超时',
  SUGGESTION: '建议简化{item}材料',
  REPORT: '举报{item}办理中违规收费',
};

/** Common surnames of western Guangdong, roughly by frequency. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 14], ['李', 9], ['黄', 8], ['林', 7], ['梁', 6], ['吴', 5], ['杨', 4], ['王', 4], ['张', 4], ['刘', 4],
  ['何', 3], ['莫', 3], ['邓', 3], ['许', 2.5], ['冯', 2.5], ['庞', 2.5], ['谢', 2], ['罗', 2], ['周', 2],
  ['郑', 2], ['欧', 1.5], ['钟', 1.5], ['蔡', 1.5], ['庄', 1.2], ['詹', 1.2], ['苏', 1.2], ['朱', 1.2],
  ['叶', 1], ['邹', 1], ['全', 1], ['揭', 0.6], ['骆', 0.6], ['符', 0.8], ['劳', 0.6], ['麦', 0.8],
];

export const GIVEN_NAME_CHARACTERS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀',
  '霞', '平', '刚', '桂', '英', '华', '玉', '兰', '文', '辉', '建', '国', '志', '海', '燕', '红', '金', '凤',
  '德', '春', '晓', '婷', '雪', '俊', '鹏', '宇', '浩', '丹', '锋', '琳', '梅', '荣', '彬', '振', '坤', '嘉',
  '怡', '欣', '雄', '基', '源', '权', '慧', '妹', '娇', '添', '贵', '容', '珍',
] as const;

/** Mobile number prefixes of the three carriers. */
export const MOBILE_PREFIXES = [
  '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '178', '182', '183',
  '187', '188', '198', '130', '131', '132', '155', '156', '166', '175', '176', '185', '186', '133', '153', '173',
  '177', '180', '181', '189', '191', '199',
] as const;

/**
 * Hotlines merged into 12345: the special-service short numbers that city departments ran, then
 * the counties' own local lines. `department` is matched against the directory's department
 * names (a city department for short numbers, the county's own for local lines).
 */
export const CITY_SHORT_HOTLINES: readonly (readonly [number: string, name: string, department: string])[] = [
  ['12301', '旅游服务热线', '文化广电旅游体育局'],
  ['12314', '水务监督服务热线', '水务局'],
  ['12315', '消费者投诉举报热线', '市场监督管理局'],
  ['12316', '农业服务热线', '农业农村局'],
  ['12318', '文化市场举报热线', '文化广电旅游体育局'],
  ['12319', '城市管理服务热线', '城市管理和综合执法局'],
  ['12320', '卫生健康服务热线', '卫生健康局'],
  ['12328', '交通运输服务监督热线', '交通运输局'],
  ['12329', '住房公积金服务热线', '住房公积金管理中心'],
  ['12331', '食品药品投诉举报热线', '市场监督管理局'],
  ['12333', '人力资源和社会保障咨询热线', '人力资源和社会保障局'],
  ['12336', '自然资源违法举报热线', '自然资源局'],
  ['12338', '妇女维权服务热线', '妇女联合会'],
  ['12340', '统计调查热线', '统计局'],
  ['12348', '公共法律服务热线', '司法局'],
  ['12349', '民政便民服务热线', '民政局'],
  ['12350', '安全生产举报投诉热线', '应急管理局'],
  ['12351', '职工维权服务热线', '总工会'],
  ['12355', '青少年服务热线', '共青团委员会'],
  ['12358', '价格举报热线', '发展和改革局'],
  ['12365', '产品质量投诉举报热线', '市场监督管理局'],
  ['12366', '纳税服务热线', '税务局'],
  ['12367', '出入境管理服务热线', '出入境管理支队'],
  ['12369', '环保举报热线', '生态环境局'],
  ['12385', '残疾人服务热线', '残疾人联合会'],
  ['12393', '医疗保障服务热线', '医疗保障局'],
  ['12395', '水上遇险求助热线', '港航事务中心'],
  ['12396', '科技服务热线', '科学技术局'],
];

export const COUNTY_LOCAL_HOTLINES: readonly (readonly [name: string, department: string])[] = [
  ['城市管理投诉热线', '城市管理和综合执法局'],
  ['劳动保障维权热线', '人力资源和社会保障局'],
  ['市场监管投诉热线', '市场监督管理局'],
];

/** The days the three batches of legacy lines were switched over to 12345. */
export const MERGE_DAYS = ['2020-09-30', '2020-12-31', '2021-06-30'] as const;
