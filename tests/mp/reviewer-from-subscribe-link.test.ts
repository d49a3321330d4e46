// Journey: a reviewer taps a "补卡申请待审核" subscribe message and lands straight on the request (hr/detail), never
// on the home page. Approving it asks, inside the tap, to keep receiving such messages: with this deployment's
// template ids (the AppID's own), not ids the app made up. The grant reaches the functions' ledger.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { renderPage, textOf, waitOn } from './wechat/boot'
import {
  EMPLOYEE,
  JPEG_BYTES,
  phoneOf,
  REVIEWER,
  startRealEmulator,
  submitMakeup,
  type RealEmulator,
} from './wechat/journey'

// the AppID's templates: ids WeChat generated for this deployment (none of them is the local stand-in id)
const registry: Record<string, { title: string; fields: Record<string, string> }> = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../database/subscribe-templates.json'), 'utf8'),
)
const REAL = Object.fromEntries(
  Object.keys(registry).map((id, i) => [id, `Xq${i}Lr9-deployment-${id.slice(5)}`]),
)
const registryFile = path.join(os.tmpdir(), `templates-${process.pid}.json`)

let emulator: RealEmulator
beforeAll(async () => {
  fs.writeFileSync(
    registryFile,
    JSON.stringify(Object.fromEntries(Object.entries(registry).map(([id, t]) => [REAL[id], t]))),
  )
  emulator = await startRealEmulator({
    args: ['--templates', registryFile],
    // the deployment's ids as the functions know them
    editSeed: (seed) => {
      for (const c of seed.collections.companies ?? [])
        c.notices = {
          ...(c.notices ?? {}),
          templates: Object.fromEntries(
            Object.entries({
              reviewNeeded: 'tmpl-makeup-review-needed',
              requestDecided: 'tmpl-makeup-decided',
              specialDecided: 'tmpl-special-decided',
              checkinReminder: 'tmpl-checkin-reminder',
              reviewPending: 'tmpl-review-pending',
              reviewEscalation: 'tmpl-review-pending',
              quotaCutoff: 'tmpl-quota-cutoff',
              ticketReplied: 'tmpl-ticket-replied',
            }).map(([kind, id]) => [kind, { templateId: REAL[id] }]),
          ),
        }
    },
  })
}, 180_000)
afterAll(() => {
  emulator?.stop()
  fs.rmSync(registryFile, { force: true })
})

test('opened from the message, the reviewer approves and subscribes with the deployment template ids', async () => {
  const { wechat, cloud } = await phoneOf(emulator, REVIEWER)
  const request = await submitMakeup(cloud, EMPLOYEE, [{ name: 'code.jpg', bytes: JPEG_BYTES }])

  const page = renderPage('hr/detail/index', { id: request.id })
  await waitOn(wechat, () => page.querySelector('.approve-button'), 'the decision buttons')
  await new Promise((r) => setTimeout(r, 500)) // the page settles, as a reader would take a moment
  wechat.tap(page.querySelector('.approve-button'), 'approve')
  await waitOn(wechat, () => textOf(page).includes('处理完成'), 'the decision')

  expect(wechat.violations).toEqual([])
  expect(wechat.subscribeRequests).toEqual([[REAL['tmpl-makeup-review-needed'], REAL['tmpl-review-pending']]])
  const grants = await cloud.control(`subscribe/grants?openid=${REVIEWER}`)
  expect(JSON.stringify(grants)).toContain(REAL['tmpl-makeup-review-needed'])
}, 180_000)
