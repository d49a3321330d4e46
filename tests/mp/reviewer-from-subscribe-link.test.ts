// Journey: a reviewer taps a "补卡申请待审核" subscribe message and lands straight on the request (hr/detail), never
// on the home page. Approving it asks, inside the tap, to keep receiving such messages: with this deployment's
// template ids (config/subscribe-templates.json, the AppID's own), which the functions hand the page it opened on —
// not ids the app made up, and not only once the home page has loaded them. The grant reaches the functions' ledger.
import fs from 'node:fs'
import path from 'node:path'
import type { TemplateConfig } from '@core/notices'
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

// the deployment's templates (config/subscribe-templates.json): the ids WeChat gave this AppID, which the emulator's
// registry, the AppID's template library here, holds
const deployment = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../config/subscribe-templates.json'), 'utf8'),
) as TemplateConfig
const ids = (...kinds: string[]) => kinds.map((k) => deployment.templates[k].templateId)

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('opened from the message, the reviewer approves and subscribes with the deployment template ids', async () => {
  const { wechat, cloud } = await phoneOf(emulator, REVIEWER)
  const request = await submitMakeup(cloud, EMPLOYEE, [{ name: 'code.jpg', bytes: JPEG_BYTES }])

  const page = renderPage('hr/detail/index', { id: request.id })
  await waitOn(wechat, () => page.querySelector('.approve-button'), 'the decision buttons')
  await new Promise((r) => setTimeout(r, 500)) // the page settles, as a reader would take a moment
  wechat.tap(page.querySelector('.approve-button'), 'approve')
  await waitOn(wechat, () => textOf(page).includes('处理完成'), 'the decision')

  expect(wechat.violations).toEqual([])
  // the ids of the kinds a reviewer's tap asks for (core SUBSCRIBE_ON.review), as the deployment names them
  expect(wechat.subscribeRequests).toEqual([ids('reviewNeeded', 'reviewPending')])
  const grants = await cloud.control(`subscribe/grants?openid=${REVIEWER}`)
  expect(JSON.stringify(grants)).toContain(ids('reviewNeeded')[0])
}, 180_000)
