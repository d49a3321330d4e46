// What the journeys share: the emulator with the demo company (a child process, as the component tests start it),
// a WeChat client whose wx.cloud reaches it, and set-up steps done straight on the functions.
import { startRealEmulator, type RealEmulator } from '@tests/components/support/real-emulator'
import { bootWechat } from './boot'
import { emulatorCloud, type EmulatorCloud } from './cloud'
import type { Wechat } from './client'

export { startRealEmulator, type RealEmulator }

export const EMPLOYEE = 'o-emp-01'
export const REVIEWER = 'o-reviewer-01'
export const HR = 'o-hr-admin'

/** The phone of `openid`: the AppID's templates and the storage host come from the emulator. */
export async function phoneOf(
  emulator: RealEmulator,
  openid: string,
  opts: {
    privacyAgreed?: boolean
    storage?: Record<string, unknown>
    phoneNumber?: string
    soterModes?: string[]
  } = {},
): Promise<{ wechat: Wechat; cloud: EmulatorCloud }> {
  const cloud = emulatorCloud(emulator.url, openid, emulator.controlToken)
  const templates: Record<string, { title: string }> | { id: string; title: string }[] =
    await cloud.control('subscribe/templates')
  const byId = Array.isArray(templates)
    ? Object.fromEntries(templates.map((t) => [t.id, t.title]))
    : Object.fromEntries(Object.entries(templates).map(([id, t]) => [id, t.title]))
  const wechat = bootWechat({
    cloud,
    templates: byId,
    // the storage's host is the downloadFile domain DEPLOY.md has the deployer declare
    downloadDomains: [new URL(emulator.url).host],
    privacyAgreed: opts.privacyAgreed ?? true,
    storage: opts.storage,
    phoneNumber: opts.phoneNumber,
    soterModes: opts.soterModes,
  })
  return { wechat, cloud }
}

const ok = <T>(res: any, what: string): T => {
  if (!res?.ok) throw new Error(`${what} refused: ${JSON.stringify(res)}`)
  return res.data as T
}

/** The employee submits a make-up request for their latest open day with the given evidence files. */
export async function submitMakeup(
  cloud: EmulatorCloud,
  openid: string,
  evidence: { name: string; bytes: Uint8Array }[],
): Promise<{ id: string; day: string; fileIDs: string[] }> {
  const as = (name: string, data: Record<string, unknown>) => cloud.callAs(openid, name, data)
  const me = ok<any>(await as('checkin', { action: 'me' }), 'checkin.me')
  const slots = ok<any>(await as('makeup', { action: 'slots', clientVersion: '0.1.0' }), 'makeup.slots')
  const day = slots.slots[0].day
  const saved = cloud.openid
  cloud.openid = openid
  const fileIDs: string[] = []
  try {
    for (const f of evidence)
      fileIDs.push(
        await cloud.uploadFile(
          `companies/${me.member.companyId}/members/${me.member.memberId}/${f.name}`,
          f.name,
          f.bytes,
        ),
      )
  } finally {
    cloud.openid = saved
  }
  const report = { status: 'well', temperature: 36.5, region: me.member.region, healthCode: 'green' }
  const view = ok<any>(
    await as('makeup', {
      action: 'submit',
      day,
      report,
      reason: '当天手机没电',
      reasonKind: 'other',
      attachments: fileIDs,
      attachmentKind: evidence.some((f) => f.name.endsWith('.pdf')) ? 'testReport' : 'healthCode',
      clientRequestId: `journey-${Date.now()}`,
      clientVersion: '0.1.0',
    }),
    'makeup.submit',
  )
  return { id: view.id, day, fileIDs }
}

/** HR lets members attach test reports as PDF too (the demo policy takes photos only). */
export async function allowPdfEvidence(cloud: EmulatorCloud): Promise<void> {
  const view = ok<any>(await cloud.callAs(HR, 'admin', { action: 'policy' }), 'admin.policy')
  ok(
    await cloud.callAs(HR, 'admin', {
      action: 'savePolicy',
      baseVersion: view.policy.version,
      policy: {
        ...view.policy,
        attachments: { ...view.policy.attachments, rule: 'either', types: ['jpg', 'png', 'pdf'] },
      },
    }),
    'admin.savePolicy',
  )
}

export const PDF_BYTES = new Uint8Array(Buffer.from('%PDF-1.4\n% a test report\n%%EOF\n'))

/** the first bytes of a JPEG photo (what the functions sniff), padded */
export const JPEG_BYTES = new Uint8Array([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  ...new Array(200).fill(0),
])
