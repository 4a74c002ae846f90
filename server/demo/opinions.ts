import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../core/sql.js';
import { account } from '../modules/account/account.table.js';
import { notify } from '../modules/notification/notification.service.js';
import { createOpinionDraft } from '../modules/opinion/opinion.drafts.js';
import { bulletin, bulletinItem, opinionReport, opinionReportEvent, opinionReportRecord } from '../modules/opinion/opinion.table.js';
import type { OpinionStatus } from '../modules/opinion/opinion.schema.js';
import { updateDocState } from '../modules/search/search.index.js';
import type { Builder, OrgRow } from './builders.js';

/**
 * How far a demo report went: still a draft, waiting at the county, returned, declined, adopted by
 * the county, forwarded and waiting at the city, adopted by the city, or taken on to the province.
 */
type Flow = 'draft' | 'submitted' | 'returned' | 'declined' | 'county' | 'cityPending' | 'city' | 'province';
interface Spec {
  title: string;
  /** the writer: 张红梅 (the demo member login) or the n-th member of a sector */
  by: '张红梅' | [sector: string, n: number];
  co?: number;
  /** days ago it was written */
  ago: number;
  flow: Flow;
  reason?: string;
  /** leaders' instructions: [level, who, text] */
  instructed?: ['county' | 'city', string, string][];
  /** the issue of this year's bulletin it appeared in */
  issue?: 1 | 2;
  body: string;
}

export const DEMO_REPORTS: Spec[] = [
  {
    title: '关于加快推进农村生活污水治理的建议', by: '张红梅', co: 1, ago: 40, flow: 'city', issue: 2,
    instructed: [['city', '市委副书记', '农村生活污水治理是乡村振兴的硬任务。请市生态环境局会同市住建局、市农业农村局研究，将山区分散式处理设施纳入明年项目库统筹推进。']],
    body: '近年来我县农村人居环境整治取得明显成效，但农村生活污水治理仍是突出短板。据对鸣凤镇、旧县镇12个村的走访，集镇以外的农户生活污水大多直排沟渠，部分已建成的小型处理设施因缺少运维经费和专业人员而闲置，夏季沟渠异味、蚊蝇滋生，群众反映强烈。\n主要问题：一是规划不统一，部分村建设标准偏高、运行成本大；二是“重建轻管”，设施建成后无人管护，出水不达标；三是资金渠道单一，村集体无力承担运维费用。\n建议：一是按照“集中与分散相结合、因村施策”原则，靠近集镇的村接入集镇管网，山区散居农户推广三格式化粪池加人工湿地等低成本工艺；二是建立县级统一运维机制，由第三方专业公司打包运维，费用纳入县级财政预算；三是将污水治理成效纳入乡镇年度考核，并引导群众参与监督，确保设施“建得起、用得好、管得住”。',
  },
  {
    title: '关于解决山区留守老人就医难问题的建议', by: ['医药卫生界', 0], co: 2, ago: 50, flow: 'city', issue: 2,
    instructed: [['county', '县委书记', '所提问题很实在。请县卫健局牵头，会同县医保局、各乡镇，年内拿出慢病长处方和送药上门的具体办法，先在河口乡、茅坪场镇试点。']],
    body: '我县山区乡镇60岁以上老人占户籍人口近三成，其中相当一部分子女外出务工，独自在家。调研发现，河口乡、茅坪场镇部分偏远村距乡镇卫生院20公里以上，每天仅一两班客车，老人患高血压、糖尿病等慢性病，每月往返取药要花上一整天；村卫生室药品种类少，很多药不能医保报销，老人只能自费购买或者断药。\n问题的根源在于基层医疗资源配置不均、村医队伍老化以及医保结算网络没有延伸到村。\n建议：一是推行慢病长处方，符合条件的患者一次可开具一至三个月用量；二是依托乡镇卫生院组建巡回医疗队，每月定期进村巡诊，并开展送药上门服务；三是加快将村卫生室全部接入医保结算系统，扩大基本药物配备目录；四是发挥家庭医生签约服务作用，为独居老人建立健康档案和紧急联系人制度，让老人在家门口看得上病、买得到药。',
  },
  {
    title: '关于支持鹿苑黄茶区域公用品牌建设的建议', by: ['农业界', 0], co: 1, ago: 95, flow: 'province',
    body: '鹿苑黄茶是我县的传统名茶，是全国三大黄茶之一，具有独特的“闷黄”工艺和“金汤”品质。目前全县茶园面积约5万亩，但黄茶产量占比偏低，多数茶企规模小、品牌杂，市场上“远安黄茶”“鹿苑茶”等叫法并存，缺乏统一的标准和包装，优质不优价的问题较为突出。\n同时，黄茶加工对技艺要求高，老茶师年龄偏大，年轻一代愿意学习传统工艺的人少，技艺传承面临断层。\n建议：一是由县级统筹打造“远安黄茶”区域公用品牌，制定统一的生产技术规程和质量标准，实行授权使用和溯源管理；二是争取省市支持将黄茶产业纳入特色农业重点扶持范围，在品牌推广、展会参展、电商销售等方面给予政策倾斜；三是依托县职教中心开设黄茶制作技艺培训班，建立非遗传承人带徒补贴制度；四是推动茶旅融合，在旧县镇鹿苑村打造黄茶文化体验园，延长产业链条，带动茶农增收。',
  },
  {
    title: '关于完善农村客运班线保障群众出行的建议', by: ['社会福利和社会保障界', 0], ago: 120, flow: 'county', issue: 1,
    instructed: [['county', '县长', '请县交通运输局认真研究，对客流少的山区线路探索预约响应式公交，保障群众基本出行。']],
    body: '随着私家车增多，我县部分农村客运班线客流下降，经营者亏损，一些线路班次减少甚至停运。洋坪镇、嫘祖镇的部分山区村民反映，去镇上赶集、到县城看病只能搭乘亲友车辆或乘坐没有营运资质的“黑车”，存在安全隐患。老人和学生出行尤其困难。\n农村客运具有公益属性，单靠市场难以维持。\n建议：一是对客流少的偏远线路实行财政补贴，建立“定线定班+预约响应”相结合的运营模式，群众可通过电话或小程序提前预约；二是推进城乡公交一体化，将县城周边的村纳入城市公交延伸范围；三是整合客运、邮政、快递资源，推行“客货邮”融合发展，提高车辆利用率、降低运营成本；四是加强非法营运车辆整治，同时做好镇村候车亭等设施建设，让农村群众出行更方便、更安全。',
  },
  {
    title: '关于加强磷化工企业周边环境监测的建议', by: ['九三学社', 0], co: 1, ago: 20, flow: 'cityPending',
    body: '磷化工是我县的支柱产业之一，对县域经济发展贡献很大。但部分企业周边的村民反映，每到阴雨天气空气中有刺激性气味，附近河沟水体颜色异常，担心对身体健康和农作物造成影响。目前企业周边的环境监测点位较少，数据公开不够及时，群众的疑虑难以消除。\n环境问题既关系群众切身利益，也关系企业的长远发展和社会形象。\n建议：一是在重点磷化工企业周边加密布设大气和水质自动监测站，监测数据实时接入市级平台并向社会公开；二是督促企业落实磷石膏综合利用和渣场防渗措施，开展地下水定期监测；三是建立企业、乡镇、村民代表参加的环境议事协商机制，定期通报情况，及时回应群众关切；四是鼓励企业开展清洁生产技术改造，推动磷化工产业绿色转型。该问题涉及跨区域流域管理，建议报请市级层面统筹研究。',
  },
  {
    title: '关于规范城区共享电动车停放管理的建议', by: ['共青团', 0], ago: 70, flow: 'declined', reason: '县城市管理执法局已于今年启动共享电动车专项整治，划设停放点位的方案正在实施，建议内容已转交该局参考。',
    body: '近两年，共享电动车进入我县城区，方便了群众短途出行，但也带来了乱停乱放问题。在鸣凤镇主要街道、学校和医院门口，共享电动车随意停放在人行道甚至盲道上，影响行人通行和市容市貌；部分车辆长期无人使用，堆积在路边。一些未成年人骑行共享电动车，不戴头盔，存在安全隐患。\n建议：一是由城管部门会同交警部门科学规划停放区域，在人流密集处施划电子围栏停放点，实行“定点停放、入栏结算”；二是明确运营企业的管理责任，要求按照车辆投放量配备运维人员，及时清理违停和故障车辆；三是加强对未成年人骑行的管理，严格落实实名注册和年龄限制；四是建立信用管理制度，对多次违规停放的用户采取限制使用等措施，共同维护良好的城市秩序。同时，建议在城区主要路口增设非机动车停车设施，方便群众规范停放。',
  },
  {
    title: '关于提升乡镇寄宿制学校生活条件的建议', by: ['教育界', 0], co: 1, ago: 150, flow: 'county', issue: 1,
    body: '我县乡镇中小学寄宿生占比较高，很多是留守儿童，学校就是他们的第二个家。调研中发现，部分乡镇寄宿制学校宿舍仍是十多人一间，没有独立卫生间，冬季缺少热水洗浴；食堂设施陈旧，生活老师配备不足，一名生活老师要照顾上百名学生，夜间管理和心理关怀难以到位。\n寄宿条件直接关系学生的身心健康，也影响农村家长把孩子留在本地就读的意愿。\n建议：一是将乡镇寄宿制学校改造纳入县级教育项目规划，分年度实施宿舍、浴室、食堂提档升级；二是按照寄宿生人数核定生活老师编制或通过政府购买服务补足人员，并加强培训；三是配齐心理辅导室，定期开展心理健康教育，建立留守儿童成长档案；四是丰富寄宿生课余生活，组织阅读、体育、艺术等活动，让孩子们住得安心、学得开心。',
  },
  {
    title: '关于扶持香菇产业延伸产业链的建议', by: ['农业界', 1], ago: 130, flow: 'county', issue: 1,
    body: '茅坪场镇是我县香菇主产区，香菇种植已成为当地群众增收的重要渠道。但目前产业仍以卖鲜菇和初级干菇为主，精深加工企业少，产品附加值低；价格受市场波动影响大，行情不好时菇农收益明显下降。同时，菌棒生产所需的木屑原料日趋紧张，废弃菌棒随意堆放也带来了环境问题。\n建议：一是引进和培育香菇精深加工企业，开发香菇酱、香菇脆片、即食菌汤等产品，提高附加值；二是支持建设冷链仓储和产地烘干设施，帮助菇农错峰销售；三是推广“企业+合作社+农户”模式，实行订单收购和保底价，降低菇农的市场风险；四是探索废弃菌棒资源化利用，用于生产有机肥或生物质燃料，实现循环发展；五是加强与电商平台合作，打造“远安香菇”网销品牌。据测算，香菇经过烘干和深加工后，每斤附加值可提高一倍以上，对菇农增收带动明显。',
  },
  {
    title: '关于加强沮河流域水生态保护的建议', by: ['民盟', 0], co: 1, ago: 60, flow: 'city',
    instructed: [['city', '市委副书记', '沮河是重要水源河流。请市生态环境局、市水利和湖泊局会同远安县研究建立流域横向生态补偿机制。']],
    body: '沮河是我县的母亲河，也是下游地区的重要水源。近年来流域水质总体稳定，但部分河段仍存在问题：一是沿河部分村落生活污水和养殖废水直排；二是河道采砂虽已整治，但部分河段河床下切、岸坡裸露，水土流失加剧；三是枯水期部分支流断流，水生生物栖息地受到影响。\n沮河流经多个县市区，单靠一地治理难以奏效。\n建议：一是全面落实河湖长制，开展沿河排污口排查整治，规模养殖场全部配套粪污处理设施；二是实施河岸生态修复工程，因地制宜种植护岸植被，恢复自然岸线；三是科学调度沿河小水电站下泄流量，保障生态基流；四是争取建立沮河流域上下游横向生态补偿机制，由受益地区对上游保护给予补偿，形成共抓大保护的合力。同时，应加强流域水质监测和信息共享，让沿河群众及时了解治理进展。',
  },
  {
    title: '关于推动嫘祖文化与乡村旅游融合发展的建议', by: ['文化艺术界', 0], ago: 100, flow: 'county', issue: 1,
    body: '远安是嫘祖故里，嫘祖文化是我县独特的文化名片。每年的嫘祖文化节吸引了不少游客，但节庆之外游客较少，文化资源没有转化为持续的旅游吸引力。嫘祖镇周边的乡村民宿、农家乐数量少、档次不高，游客停留时间短、消费少，旅游对群众增收的带动作用有限。\n建议：一是深入挖掘嫘祖养蚕缫丝文化内涵，建设蚕桑文化体验基地，开发研学旅游线路，吸引中小学生研学团队；二是推动“文化+农业+旅游”融合，在望家村、苟家垭村等发展特色民宿和桑果采摘；三是开发嫘祖主题的丝绸、文创产品，培育本地文创企业；四是加强与周边景区的线路串联，纳入宜昌全域旅游推介，扩大知名度，让文化资源真正成为群众增收致富的“金钥匙”。此外，建议对从事民宿、农家乐的群众开展服务技能培训，提升接待水平和游客满意度。',
  },
  {
    title: '关于解决城区老旧小区停车难问题的建议', by: ['民建', 0], co: 1, ago: 30, flow: 'county', issue: 2,
    body: '随着群众生活水平提高，私家车保有量快速增长，城区老旧小区停车难问题日益突出。鸣凤镇凤山社区、西门社区等建成于上世纪九十年代的小区，规划时没有配建停车位，车辆只能停在楼道口、消防通道和小区道路两侧，晚上回家找不到车位，邻里之间时常因停车发生矛盾，也给消防救援带来隐患。\n建议：一是结合老旧小区改造，挖掘小区内部和周边闲置空地，增设停车泊位；二是推动机关企事业单位停车场夜间和节假日向周边居民错时开放；三是在有条件的地段建设立体停车库，鼓励社会资本参与投资运营；四是在小区周边道路科学施划夜间限时停车位；五是由社区牵头组织居民协商制定停车管理公约，共同维护停车秩序。对占用消防通道停车的行为，应加大劝导和执法力度，确保生命通道畅通。',
  },
  {
    title: '关于加强农村独居老人防诈骗宣传的建议', by: ['特邀界', 0], ago: 45, flow: 'county',
    body: '近年来，针对老年人的电信网络诈骗和“保健品”骗局时有发生。一些不法分子利用农村独居老人信息闭塞、警惕性不高的特点，以免费体检、发放礼品、养老投资等名义骗取老人钱财。据了解，我县今年已发生多起农村老人被骗案件，有的老人多年积蓄被骗一空，身心受到很大伤害。\n建议：一是由公安、民政部门牵头，组织民警、村干部和志愿者走村入户，用方言讲解典型案例，提高老人防骗意识；二是发挥村广播、村民微信群作用，定期推送防诈骗提醒；三是加强对农村集市、庙会等场所的巡查，严厉打击以推销保健品为名的诈骗活动；四是动员在外务工子女多与老人沟通，帮助老人安装反诈软件，形成全社会共同守护老年人“钱袋子”的良好氛围。对已经被骗的老人，应及时做好心理疏导和帮扶，依法追赃挽损。',
  },
  {
    title: '关于完善农村电商物流末端配送的建议', by: ['经济界', 0], ago: 6, flow: 'submitted',
    body: '农村电商的发展让山区的土特产走出了大山，也让群众在家门口就能网购生活用品。但“最后一公里”的配送问题依然突出：很多快递只送到乡镇，村民需要自己到镇上取件，有的网点还要额外收取费用；山区村民寄出香菇、茶叶等农产品时，时效慢、运费高，影响了农产品的销售。据了解，部分村民每次到镇上取件往返需一个多小时，一些年纪大的老人干脆不敢网购。\n建议：一是整合邮政、快递企业资源，在村级便民服务中心、超市设立共同配送网点，实现快递进村全覆盖；二是对偏远村的快递配送给予适当补贴，严禁网点违规加收费用；三是建设县级电商物流分拨中心，提高分拣和配送效率；四是支持发展冷链物流，为生鲜农产品上行提供保障，打通工业品下乡和农产品进城的双向通道。同时，可将快递末端网点与村级便民服务结合，由村干部或返乡青年兼任代办员，既方便群众，又增加了他们的收入。',
  },
  {
    title: '关于加快农村危桥改造的建议', by: ['九三学社', 1], ago: 4, flow: 'submitted',
    body: '我县山区河流众多，农村公路上的中小桥梁是群众出行的重要通道。经过多年使用，部分建于上世纪七八十年代的漫水桥、石拱桥出现了桥面破损、护栏缺失、基础冲刷等问题，汛期河水上涨时车辆和行人通行存在较大安全风险。花林寺镇、河口乡的群众多次反映，希望尽快改造。今年汛期，河口乡一座漫水桥被洪水冲毁，造成沿线三个村组群众绕行十余公里，教训深刻。\n建议：一是组织专业机构对全县农村公路桥梁开展一次全面排查和技术状况评定，建立危桥台账；二是按照轻重缓急制定改造计划，优先改造学生上学、群众就医必经线路上的危桥；三是积极争取上级交通项目资金，县级财政给予配套；四是在改造完成前设置警示标志和限载标志，汛期安排专人值守，确保群众出行安全。对改造后的桥梁，要明确管养责任，纳入农村公路日常养护范围，避免“重建轻养”。',
  },
  {
    title: '关于规范校外培训机构收费行为的建议', by: ['民进', 0], ago: 3, flow: 'submitted',
    body: '“双减”政策实施以来，我县学科类校外培训得到有效治理，但一些非学科类培训机构仍存在收费不规范的问题：有的以优惠为名诱导家长一次性缴纳一年甚至更长时间的费用；有的机构经营不善后关门停业，家长预付的费用难以退回；部分机构收费标准不公开，家长维权困难。据县消费者协会统计，今年以来受理的校外培训退费投诉明显增多，涉及金额较大。\n建议：一是由教育、市场监管部门联合开展专项检查，督促培训机构公示收费项目和标准；二是严格执行预收费监管制度，培训机构预收费用一律进入监管账户，按课时拨付；三是推广使用培训服务合同示范文本，明确退费条款；四是建立培训机构信用评价和黑名单制度，畅通家长投诉渠道，切实维护群众的合法权益。同时，建议学校加强课后服务，丰富课后服务内容，满足学生多样化需求，从源头上减轻家长的负担。',
  },
  {
    title: '关于提高基层医疗卫生人员待遇留住人才的建议', by: ['农工党', 0], co: 1, ago: 35, flow: 'county', issue: 2,
    instructed: [['county', '县委书记', '基层卫生人才是保障群众健康的关键。请县卫健局、县人社局、县财政局研究提出乡镇卫生院人员待遇保障和职称倾斜的具体措施。']],
    body: '乡镇卫生院和村卫生室是守护农村群众健康的“网底”。但目前我县基层卫生人才流失较为严重，近三年乡镇卫生院流失医务人员二十余人，多数是业务骨干；村医平均年龄超过55岁，后继乏人。主要原因是基层工作条件艰苦、待遇偏低、职称晋升难、培训机会少。\n建议：一是落实“两个允许”要求，提高乡镇卫生院绩效工资总量，向临床一线和偏远地区倾斜；二是在职称评审中对长期在基层服务的人员放宽条件，实行单独评审；三是实施农村订单定向医学生免费培养，定向回乡服务；四是提高村医补助标准，落实养老保障政策，解决村医后顾之忧；五是推进县域医共体建设，县级医院专家定期下沉带教，提升基层服务能力。只有让基层医务人员“留得住、干得好、有奔头”，才能真正筑牢农村医疗卫生服务网底。',
  },
  {
    title: '关于加强农田水利设施日常管护的建议', by: ['农业界', 2], ago: 80, flow: 'county',
    body: '近年来，国家投入大量资金建设高标准农田和小型农田水利设施，有效改善了农业生产条件。但一些设施建成后“有人建、无人管”，渠道淤塞、闸门损坏、泵站无人看管的情况时有发生，部分设施使用几年后就不能正常发挥作用，影响了农业灌溉和粮食生产。据初步统计，全县近五年建成的小型水利设施中，约有两成存在不同程度的损坏。\n建议：一是明确小型农田水利设施的产权和管护主体，推行“以奖代补”，调动村集体和用水户协会的管护积极性；二是县级财政设立农田水利设施管护专项资金，按面积给予管护补助；三是推广聘请“田管员”“渠长”的做法，落实日常巡查和维修责任；四是建立管护考核机制，将管护成效与下一年度项目安排挂钩，确保设施长期发挥效益。同时要引导农户树立“设施是大家的、管护靠大家”的意识，形成共建共管的良好局面。',
  },
  {
    title: '关于推进农村生活垃圾分类减量的建议', by: ['妇联', 0], co: 1, ago: 25, flow: 'county',
    body: '我县农村生活垃圾已基本实现“户收集、村集中、镇转运、县处理”，但垃圾总量逐年增加，转运和处理成本不断上升。大部分农户没有分类习惯，厨余垃圾、建筑垃圾与其他垃圾混在一起，既增加了处理负担，也浪费了可回收资源。\n建议：一是选择基础较好的村开展垃圾分类试点，推广“二次四分法”，由农户初分、保洁员再分，易腐垃圾就地堆肥还田；二是发挥妇联组织作用，开展“美丽庭院”评比，通过积分兑换生活用品等方式激励群众参与；三是完善可回收物回收网络，与再生资源企业合作；四是将垃圾分类纳入村规民约和学校教育，以小手拉大手，逐步养成分类习惯，从源头实现减量。据测算，易腐垃圾约占农村生活垃圾的一半以上，如能就地处理，可大幅降低转运成本。',
  },
  {
    title: '关于缓解城区学校周边早晚高峰交通拥堵的建议', by: ['民革', 0], ago: 55, flow: 'declined', reason: '建议内容与县公安局交警大队今年秋季学期已实施的错峰放学和临时停车方案重复，暂不采用。',
    body: '每天上学放学时段，城区几所中小学周边道路车辆拥堵严重，接送学生的私家车、电动车在校门口随意停放，有的甚至逆行、掉头，不仅造成交通拥堵，也给学生安全带来隐患。学校周边道路狭窄，缺少临时停车区域，是拥堵的主要原因。据观察，部分学校门口放学时段车辆排队长达数百米，道路通行能力下降一半以上。\n建议：一是由交警部门会同教育部门制定学校周边交通组织方案，实行错峰上下学；二是利用学校周边空地设置临时接送车位，实行“即停即走”；三是组织家长志愿者和交通协管员在高峰时段维持秩序；四是倡导学生乘坐校车或步行上学，逐步减少私家车接送，营造安全有序的校园周边交通环境。同时，可利用学校操场或周边单位场地设置接送等候区，让家长有序等候；在新建和改扩建学校时，同步规划建设接送车辆临时停靠区。',
  },
  {
    title: '关于加快5G网络向偏远山村延伸的建议', by: ['科学技术界', 0], ago: 12, flow: 'cityPending',
    body: '数字乡村建设离不开网络基础设施。目前我县城区和集镇已实现5G网络覆盖，但部分偏远山村的4G信号都不稳定，有的村民要走到山坡上才能打电话。网络信号差影响了村民网上办事、电商销售和学生在线学习，也给森林防火、应急救援带来困难。\n由于山区人口分散，运营商建设基站投入大、收益低，积极性不高。\n建议：一是将偏远山村通信基础设施建设纳入数字乡村规划，争取国家电信普遍服务补偿试点项目支持；二是统筹铁塔、电力、广电资源，推动杆塔共享，降低建设成本；三是对山区基站的电费、用地给予优惠；四是优先解决学校、卫生室、村委会和重点景区的网络覆盖问题。该项工作需要市级统筹协调通信运营企业，建议报市政协研究。同时加强已建基站的运行维护，避免因停电等原因造成信号中断。',
  },
  {
    title: '关于关爱农村留守儿童心理健康的建议', by: '张红梅', ago: 15, flow: 'returned', reason: '请补充调查的村组范围和具体数据，并就学校、家庭、社会各方的责任提出更具体的措施。',
    body: '在走访中我们发现，农村留守儿童普遍由祖辈照顾，父母常年在外，亲子沟通少，一些孩子性格内向、自卑，有的沉迷手机游戏，学习成绩下降。学校虽然开设了心理健康课，但专职心理教师很少，很多由其他学科老师兼任，难以及时发现和疏导孩子的心理问题。据对两所乡镇学校的初步了解，留守儿童占在校生比例超过四成。\n建议：一是每所农村中小学至少配备一名专职或兼职心理健康教师，定期开展心理健康筛查；二是依托村级儿童之家，组织志愿者开展陪伴、辅导活动；三是鼓励外出务工父母通过视频等方式多与孩子交流，学校定期组织线上家长会；四是发挥妇联、共青团作用，开展“代理家长”结对帮扶活动，让留守儿童感受到社会的温暖。此外，应加强对祖辈监护人的家庭教育指导，帮助他们掌握科学的教育方法，做到既关心孩子的吃穿，也关心孩子的心理。',
  },
  {
    title: '关于保护和利用传统村落的建议', by: '张红梅', ago: 2, flow: 'draft',
    body: '我县有多个具有历史文化价值的传统村落，保留着明清时期的古民居、古祠堂和石板路。旧县镇、花林寺镇等地的一些村落，至今保存着较为完整的古建筑群和传统民俗，具有较高的历史、文化和艺术价值，是不可再生的宝贵资源。但随着人口外流，一些老房子长期无人居住，年久失修，有的已经倒塌；部分村民拆旧建新，传统风貌遭到破坏。目前保护工作缺少专门规划和资金，村民对古建筑价值认识不足，一些有价值的老物件也在流失。\n建议：一是开展传统村落普查，建立保护名录和档案；二是制定保护规划，明确保护范围和建设控制要求；三是设立专项资金，对古民居修缮给予补助；四是在保护的前提下合理利用，发展民宿和乡村旅游，让传统村落“活”起来。此外，还应加强对传统建筑工匠的培养，鼓励村民参与保护，让乡愁有处安放。',
  },
  {
    title: '关于加强城乡供水管网改造的建议', by: ['无党派人士', 0], ago: 1, flow: 'draft',
    body: '我县城乡供水一体化工程已覆盖大部分乡镇，但部分早期铺设的供水管网老化严重，跑冒滴漏现象较多，管网漏损率偏高；一些村组末端水压不足，高峰时段用水困难，夏季用水高峰还出现过停水情况。据了解，部分乡镇供水管网铺设已超过二十年，管材以镀锌管和早期塑料管为主，锈蚀、老化问题突出，不仅漏损严重，还可能影响水质安全。一些群众反映，自来水时常出现浑浊现象。\n建议：一是对使用年限较长的老旧管网进行全面排查，分批实施改造；二是推进供水管网分区计量管理，降低漏损率；三是在地势较高的村组增设加压泵站和调蓄水池；四是建立供水应急保障预案，确保群众用水安全稳定。同时，要加强水源地保护和水质检测，定期向群众公布水质信息，让群众喝上放心水。',
  },
  {
    title: '关于发展林下经济促进山区群众增收的建议', by: ['农业界', 3], co: 1, ago: 8, flow: 'submitted',
    body: '我县森林覆盖率高，林地资源丰富，发展林下经济潜力很大。目前部分乡镇已在林下种植天麻、白及等中药材，发展林下养鸡、养蜂，取得了较好的效益，但总体上规模小、布局散，缺乏技术指导和稳定的销售渠道，很多群众想干不敢干、不会干。\n建议：一是编制全县林下经济发展规划，因地制宜确定林药、林菌、林禽、林蜂等主导产业；二是加强技术培训和服务，组织林业、农业技术人员开展包村指导；三是培育龙头企业和专业合作社，带动农户发展订单生产；四是完善林权抵押贷款政策，解决群众发展资金难题；五是加强品牌建设和市场营销，让“绿水青山”真正变成群众的“金山银山”。同时，要处理好发展与保护的关系，坚持生态优先，严禁以发展林下经济为名毁林开垦。',
  },
  {
    title: '关于完善退役军人就业创业扶持政策的建议', by: ['特邀界', 1], ago: 110, flow: 'county',
    body: '做好退役军人就业创业工作，是维护军人军属合法权益、让军人成为全社会尊崇职业的重要举措。我县每年都有一批退役军人返乡，他们政治素质好、纪律性强，但部分人缺乏专业技能，就业渠道窄；有创业意愿的退役军人普遍面临资金不足、经验欠缺等困难。\n建议：一是开展有针对性的职业技能培训，与本地企业合作实行“订单式”培训；二是在机关事业单位招聘、国有企业招工中落实退役军人优先政策；三是设立退役军人创业扶持资金，提供创业担保贷款贴息；四是建设退役军人创业孵化基地，在场地、税收等方面给予优惠；五是发挥退役军人服务站作用，建立就业创业信息台账，做到精准帮扶。同时，要大力宣传退役军人就业创业先进典型，营造尊崇关爱退役军人的社会氛围。',
  },
];

const DAY = 86_400_000;
const dateOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const LEVEL = { county: 'county', city: 'city', province: 'province' } as const;

/**
 * About 25 社情民意 reports of 远安 members in every state: adopted by the county, forwarded to 宜昌
 * and adopted or instructed there (one taken on to 湖北), declined with reasons, returned, waiting,
 * drafts; and this year's bulletin issues 第1期 and 第2期 made of adopted ones. Each report has its
 * history and is in the search index.
 */
export async function seedOpinions(b: Builder, county: OrgRow, city: OrgRow, now = new Date()) {
  const province = city.parentId;
  const members = await rowsOf<{ id: string; name: string; sector: string; account_id: string | null }>(
    b.db,
    sql`select m.id, p.name, s.name as sector, p.account_id from member m join person p on p.id = m.person_id join sector s on s.id = m.sector_id
      where m.org_id = ${county.id} and m.status = 'active' and m.position not in ('chair', 'vice_chair') order by m.created_at, m.id`,
  );
  const accountId = async (login: string) => (await b.db.select({ id: account.id }).from(account).where(eq(account.loginName, login)))[0]?.id ?? null;
  const staff = { county: { id: await accountId('lixiulan'), name: '李秀兰' }, city: { id: await accountId('maxiaodong'), name: '马晓东' }, province: { id: await accountId('hbadmin'), name: '罗春燕' } };
  const orgs = { province: province ? (await rowsOf<{ id: string; shortName: string }>(b.db, sql`select id, short_name as "shortName" from org where id = ${province}`))[0] : null };
  const writerOf = (by: Spec['by']) => {
    if (by === '张红梅') return members.find((m) => m.name === '张红梅')!;
    const pool = members.filter((m) => m.sector === by[0]);
    return pool[by[1] % pool.length] ?? members[by[1]];
  };
  const thisYear = `${dateOf(now).slice(0, 4)}-01-01`;
  const issues: Record<1 | 2, string[]> = { 1: [], 2: [] };

  for (const [i, s] of DEMO_REPORTS.entries()) {
    const writer = writerOf(s.by);
    const co = members.filter((m) => m.id !== writer.id && m.name !== '张红梅').filter((_, k) => k % 23 === (i * 7) % 23).slice(0, s.co ?? 0);
    if (s.title === '关于发展林下经济促进山区群众增收的建议') co.push(members.find((m) => m.name === '张红梅')!);
    const at = (days: number) => new Date(now.getTime() - (s.ago - days) * DAY);
    const { id } = await createOpinionDraft(b.db, { orgId: county.id, title: s.title, body: s.body, authorMemberIds: [writer.id, ...co.map((c) => c.id)], createdBy: writer.account_id, createdByName: writer.name, now: at(0) });
    const events: (typeof opinionReportEvent.$inferInsert)[] = [];
    const event = (orgId: string, kind: string, when: Date, who: { id: string | null; name: string }, note: string | null = null) =>
      events.push({ orgId, reportId: id, kind, actorAccountId: who.id, actorName: who.name, note, at: when });
    const record = (org: { id: string; shortName: string }, level: keyof typeof LEVEL, when: Date, by: { id: string | null }) =>
      b.db.insert(opinionReportRecord).values({ orgId: org.id, reportId: id, kind: 'adopted', level, byName: org.shortName, on: dateOf(when), recordedBy: by.id, createdAt: when });
    const author = { id: writer.account_id, name: writer.name };
    let status: OpinionStatus = 'draft';
    const set: Partial<typeof opinionReport.$inferInsert> = {};
    if (s.flow !== 'draft') {
      status = 'submitted';
      Object.assign(set, { submittedAt: at(1) });
      event(county.id, 'submitted', at(1), author);
    }
    const decide = (st: OpinionStatus, when: Date, who: { id: string | null }) => {
      status = st;
      Object.assign(set, { decidedAt: when, decidedBy: who.id, updatedAt: when });
    };
    if (s.flow === 'returned' || s.flow === 'declined') {
      decide(s.flow, at(4), staff.county);
      set.declineReason = s.reason!;
      event(county.id, s.flow, at(4), staff.county, s.reason!);
    }
    if (['county', 'cityPending', 'city', 'province'].includes(s.flow)) {
      await record(county, 'county', at(5), staff.county);
      if (s.flow === 'county') {
        decide('adopted', at(5), staff.county);
        event(county.id, 'adopted', at(5), staff.county);
      } else {
        decide('forwarded', at(5), staff.county);
        Object.assign(set, { forwardedToOrgId: city.id, forwardedAt: at(5) });
        event(county.id, 'forwarded', at(5), staff.county);
      }
    }
    if (s.flow === 'city' || s.flow === 'province') {
      await record(city, 'city', at(12), staff.city);
      if (s.flow === 'city') {
        decide('adopted', at(12), staff.city);
        event(city.id, 'adopted', at(12), staff.city, `${city.shortName}采用`);
      } else if (orgs.province) {
        decide('forwarded', at(12), staff.city);
        Object.assign(set, { forwardedToOrgId: orgs.province.id, forwardedAt: at(12) });
        event(city.id, 'forwarded', at(12), staff.city, `${city.shortName}采用并转报`);
        await record(orgs.province, 'province', at(25), staff.province);
        decide('adopted', at(25), staff.province);
        event(orgs.province.id, 'adopted', at(25), staff.province, `${orgs.province.shortName}采用`);
      }
    }
    for (const [k, [level, who, text]] of (s.instructed ?? []).entries()) {
      const when = at(18 + k * 3);
      const org = level === 'city' ? city : county;
      await b.db.insert(opinionReportRecord).values({ orgId: org.id, reportId: id, kind: 'instructed', level, byName: who, text, on: dateOf(when), recordedBy: staff[level].id, createdAt: when });
      event(org.id, 'recorded', when, staff[level], `${level === 'city' ? '市级' : '县级'}批示：${who}`);
    }
    await b.db.update(opinionReport).set({ ...set, status, updatedAt: (set.updatedAt as Date | undefined) ?? at(1) }).where(eq(opinionReport.id, id));
    if (events.length) await b.db.insert(opinionReportEvent).values(events);
    if (status !== 'draft') await updateDocState(b.db, 'opinion_report', id, { status });
    if (s.issue) issues[s.issue].push(id);
    if (writer.account_id && status !== 'draft' && status !== 'submitted') {
      const last = events.at(-1)!;
      await notify(b.db, [{ orgId: county.id, accountId: writer.account_id, kind: `opinion.${last.kind}`, title: `您的社情民意信息《${s.title}》有了新进展：${last.note ?? status}`, link: `/opinions/${id}`, targetType: 'opinion_report', targetId: id, at: last.at as Date }]);
    }
  }

  const issued = (daysAgo: number) => {
    const d = dateOf(new Date(now.getTime() - daysAgo * DAY));
    return d < thisYear ? thisYear : d;
  };
  for (const [n, daysAgo] of [[1, 45], [2, 8]] as const) {
    const issuedOn = issued(daysAgo);
    const [row] = await b.db
      .insert(bulletin)
      .values({ orgId: county.id, year: Number(thisYear.slice(0, 4)), number: n, title: '社情民意', issuedOn, createdBy: staff.county.id, createdAt: new Date(`${issuedOn}T02:00:00Z`) })
      .returning({ id: bulletin.id });
    await b.db.insert(bulletinItem).values(issues[n].map((reportId, sort) => ({ orgId: county.id, bulletinId: row.id, reportId, sort })));
  }
}
