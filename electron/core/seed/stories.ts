import type { Category } from '../../../shared/domain/enums';

/** What a dispute is about, and what the applicant asks, per category: plausible, never real. */
export const STORIES: Record<Category, { summary: string[]; requests: string[]; amount: [number, number] }> = {
  marriage_family: {
    summary: ['夫妻因家庭琐事长期争吵，女方要求分居', '兄弟之间因赡养老人费用分摊发生争执', '离婚后子女抚养费支付发生纠纷'],
    requests: ['按月支付抚养费', '共同承担赡养费用', '分割共同财产'], amount: [0, 60000],
  },
  neighbour: {
    summary: ['楼上住户夜间噪音影响楼下休息', '相邻两户因排水沟堵塞互相指责', '邻居在公共楼道堆放杂物引发争执'],
    requests: ['停止夜间噪音', '疏通排水沟并赔偿损失', '清理楼道杂物'], amount: [0, 5000],
  },
  housing_homestead: {
    summary: ['两户因宅基地边界发生争执', '房屋翻建时占用通道引发纠纷', '房屋漏水殃及隔壁住户'],
    requests: ['确认宅基地边界', '恢复通道', '修复漏水并赔偿'], amount: [0, 80000],
  },
  contract: {
    summary: ['拖欠货款纠纷', '装修合同工期延误引发争议', '借款到期未还发生纠纷'],
    requests: ['支付所欠货款', '赔偿延误损失', '归还借款本金及利息'], amount: [2000, 300000],
  },
  production_business: {
    summary: ['合伙经营小作坊因分红发生争执', '厂房租赁期间设备损坏责任不清'],
    requests: ['按约定分配利润', '赔偿设备损失'], amount: [5000, 200000],
  },
  damages: {
    summary: ['饲养的狗咬伤路人引发赔偿纠纷', '高空坠物砸坏停放车辆', '施工时损坏邻居围墙'],
    requests: ['赔偿医疗费', '赔偿车辆维修费用', '修复围墙'], amount: [500, 50000],
  },
  forest_land: {
    summary: ['承包地边界不清引发争执', '林地种植收益分配发生纠纷'],
    requests: ['重新确认承包地界', '按约定分配收益'], amount: [0, 40000],
  },
  land_requisition: {
    summary: ['征地补偿款分配引发家庭内部纠纷', '拆迁安置面积计算存在争议'],
    requests: ['按份额分配补偿款', '重新核算安置面积'], amount: [10000, 500000],
  },
  pollution: {
    summary: ['小作坊排放异味影响周边居民', '餐饮店油烟扰民'],
    requests: ['停止排放异味', '安装油烟净化设备'], amount: [0, 20000],
  },
  labour: {
    summary: ['拖欠农民工工资纠纷', '工伤后医疗费用承担发生争议', '辞职后加班费结算纠纷'],
    requests: ['支付拖欠工资', '承担医疗费用', '结算加班费'], amount: [3000, 120000],
  },
  consumer: {
    summary: ['购买的家电出现质量问题商家拒绝退换', '预付卡商家停业无法退款'],
    requests: ['退货退款', '退还预付卡余额'], amount: [300, 20000],
  },
  medical: {
    summary: ['诊所治疗后出现不良反应引发纠纷'],
    requests: ['赔偿医疗费及误工费'], amount: [2000, 100000],
  },
  traffic: {
    summary: ['电动自行车与行人相撞致人受伤', '小区内倒车刮擦发生纠纷'],
    requests: ['赔偿医疗费及误工费', '赔偿车辆维修费'], amount: [500, 150000],
  },
  property_management: {
    summary: ['业主拖欠物业费与物业公司发生纠纷', '小区停车位管理引发业主与物业争执'],
    requests: ['缴纳所欠物业费', '规范停车位管理'], amount: [500, 30000],
  },
  other: {
    summary: ['因宠物饲养问题发生口角', '因公共区域使用发生争执'],
    requests: ['文明饲养宠物', '协商公共区域使用'], amount: [0, 5000],
  },
};

export const REJECTION_REASONS = [
  '一方当事人明确拒绝调解', '纠纷已由人民法院受理', '不属于人民调解受理范围', '纠纷已由公安机关依法处理',
];

export const REFERRAL_BODIES: Record<string, string> = {
  court_assigned: '龙港市人民法院', court_entrusted: '龙港市人民法院', police_referral: '龙港市公安局派出所',
  petition_referral: '龙港市信访局', hotline_12345: '龙港市12345政务服务热线', agency_referral: '龙港市市场监督管理局',
};
