import { z } from '../shared'
import { isLocalDay, isMonth } from './dates'

export const localDaySchema = z.string().check(z.refine(isLocalDay, '日期格式应为 YYYY-MM-DD'))
export const monthSchema = z.string().check(z.refine(isMonth, '月份格式应为 YYYY-MM'))
