// Arranging demo data for browser tests through the emulator's control API and gateway, as the functions store it,
// and acting as a given demo identity in the H5 app.
import type { Page } from 'playwright-core'
import { addDays, isWorkingDay, monthOf } from '@core/calendar'
import { dayKeyOf, freeSlots, type Holder, holdKeys, quotaId, quotasOf } from '@core/makeup'
import { DEMO_COMPANY_ID, DEMO_POLICY, HR_OPENID } from '@database/seed'
import { afterNavigation } from './browser'

const url = () => process.env.E2E_URL as string

export interface Member {
  _id: string
  name: string
  dept?: string
  openid: string | null
}

export const control = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${url()}/control${path}`, {
    ...init,
    headers: {
      ...(init?.headers as Record<string, string>),
      'x-emulator-token': process.env.E2E_CONTROL_TOKEN as string,
    },
  })
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`)
  return res.json()
}
export const put = (collection: string, doc: object) =>
  control(`/collections/${collection}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  })
export const date = (d: Date) => ({ $date: d.toISOString() })

/** the latest working day before today, preferring this month (the calendar opens on the current month) */
export function missedDay(today: string): string {
  let d = addDays(today, -1)
  while (!isWorkingDay(d, DEMO_POLICY.calendar)) d = addDays(d, -1)
  return d
}

/**
 * The member missed `day`: its check-in is removed (the seed checks most members in on most days), and whatever
 * held the day (an earlier test's make-up or HR entry) goes with it.
 */
export async function arrangeMissed(m: Member, day: string, keep?: string) {
  await control(`/collections/checkins/${m._id}_${day}`, { method: 'DELETE' })
  const { collections } = await control('/export')
  const held = collections.makeups.filter((h: Holder) => h.dayKey === dayKeyOf(m._id, day) && h._id !== keep)
  for (const h of held) await control(`/collections/makeups/${h._id}`, { method: 'DELETE' })
}

/** A pending make-up for `day` as the makeup function stores it; the day's check-in removed so it was missed. */
export async function arrangePending(
  m: Member,
  day: string,
  attachments: string[],
  submittedAt: Date,
  /** more fields of the stored request (e.g. the approval chain it started with) */
  over: object = {},
) {
  const data = await control('/export')
  const cycle = monthOf(day)
  const id = `${m._id}_e2e-${day}`
  await arrangeMissed(m, day, id)
  await put('makeups', {
    _id: id,
    companyId: DEMO_COMPANY_ID,
    memberId: m._id,
    day,
    status: 'pending',
    report: { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' },
    reason: '当天外出，网络故障未能打卡',
    attachments,
    attachmentKind: 'healthCode',
    cycle,
    charged: true,
    granted: false,
    policyVersion: DEMO_POLICY.version,
    submittedAt: date(submittedAt),
    updatedAt: date(submittedAt),
    // it holds its day and the next free unit of its cycle, as the makeup function's insert does
    ...holdKeys(id, m._id, day, cycle, freeSlots(holdersOf(data, m._id, cycle), null)[0]),
    ...over,
  })
  await put('audit', {
    _id: `e2e-submit-${id}`,
    companyId: DEMO_COMPANY_ID,
    subject: 'makeup',
    subjectId: id,
    memberId: m._id,
    action: 'submit',
    from: null,
    to: 'pending',
    actor: { kind: 'member', id: m._id },
    at: date(submittedAt),
    reason: '当天外出，网络故障未能打卡',
  })
  return id
}

/** uploads a PNG to the employee's own folder through the gateway, as the app does */
/** A small PNG of a green health code, drawn in the page. */
export async function photo(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = c.height = 160
    const g = c.getContext('2d')!
    g.fillStyle = '#16a34a'
    g.fillRect(0, 0, 160, 160)
    g.fillStyle = '#fff'
    g.font = 'bold 40px sans-serif'
    g.fillText('绿码', 40, 95)
    return c.toDataURL('image/png').split(',')[1]
  })
  return Buffer.from(base64, 'base64')
}

export async function uploadPhoto(page: Page, m: Member): Promise<string> {
  return uploadAs(m, 'e2e-health-code.png', await photo(page))
}

/** Uploads `bytes` into the member's own folder through the gateway, as the app does; returns the fileID. */
export async function uploadAs(m: Member, name: string, bytes: Buffer): Promise<string> {
  const cloudPath = `companies/${DEMO_COMPANY_ID}/members/${m._id}/${name}`
  const res = await fetch(`${url()}/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': m.openid! },
    body: new Uint8Array(bytes),
  })
  return (await res.json()).fileID
}

export async function actAs(page: Page, openid: string, route: string) {
  await page.evaluate((id) => localStorage.setItem('dev-openid', JSON.stringify({ data: id })), openid)
  await page.goto(`${url()}/app/#/${route}`)
  await page.waitForLoadState('networkidle')
  await afterNavigation(page)
}

/** Calls a function through the emulator's gateway as `openid`, like the H5 app does: its whole answer. */
export async function answer(
  name: string,
  data: object,
  openid: string,
): Promise<{ ok: boolean; code?: string; data?: unknown }> {
  const res = await fetch(`${url()}/gateway/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ data }),
  })
  return (await res.json()).result
}

/** As `answer`, for calls that must succeed: refusals throw. */
export async function fn<T>(name: string, data: object, openid: string): Promise<T> {
  const result = await answer(name, data, openid)
  if (!result?.ok)
    throw new Error(`${name}.${(data as { action: string }).action}: ${JSON.stringify(result)}`)
  return result.data as T
}

/** HR saves the demo policy with `patch` on top (`{}` puts the demo policy back). */
export async function savePolicy(patch: object) {
  const { policy } = await fn<{ policy: { version: number } }>('admin', { action: 'policy' }, HR_OPENID)
  const { version: _v, ...original } = DEMO_POLICY
  await fn(
    'admin',
    { action: 'savePolicy', policy: { ...original, ...patch }, baseVersion: policy.version },
    HR_OPENID,
  )
}

/** The demo company's policy back as the seed has it (saved as a new version), whatever a test saved. */
export const restorePolicy = () => savePolicy({})

/** The documents holding a member's quota units of one cycle, in an export of the data. */
export function holdersOf(data: { collections: { makeups: Holder[] } }, memberId: string, cycle: string) {
  return data.collections.makeups.filter((h) => h.quotaKey === quotaId(memberId, cycle))
}

/** A member's units used in one cycle, as the functions derive it (core quotasOf). */
export async function unitsUsed(memberId: string, cycle: string): Promise<number> {
  return quotasOf(holdersOf(await control('/export'), memberId, cycle))[0]?.used ?? 0
}
