// What the privacy guide tells the user, in short (PRIVACY.md holds the full text for the WeChat console).
import declaration from './declaration.json'

export const GUIDE_TITLE = '用户隐私保护指引'

export const GUIDE_ITEMS: { what: string; why: string }[] = [
  // the declared privacy types, as declared (declaration.json)
  ...declaration.items.map((i) => ({ what: i.shown, why: i.purpose })),
  { what: '微信身份标识（OpenID）', why: '识别您绑定的企业员工身份' },
  { what: '您填写的健康信息（体温、健康码颜色、所在地区、备注）', why: '每日健康打卡与补打卡审核' },
  { what: '订阅消息授权', why: '向您发送审核结果和打卡提醒' },
]
