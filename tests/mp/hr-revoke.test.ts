// Journey on the weapp build: HR opens an approved make-up on the phone, taps 撤销, picks a listed reason and
// confirms; the request turns 已撤销 with its reason, and the employee's request (through the same functions)
// shows it revoked with the approval kept in its timeline.
import { renderPage, textOf, waitOn } from './wechat/boot'
import {
  EMPLOYEE,
  HR,
  JPEG_BYTES,
  phoneOf,
  startRealEmulator,
  submitMakeup,
  type RealEmulator,
} from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('HR revokes an approved make-up with a listed reason on the phone', async () => {
  const { wechat, cloud } = await phoneOf(emulator, HR)
  const request = await submitMakeup(cloud, EMPLOYEE, [{ name: 'code.jpg', bytes: JPEG_BYTES }])
  const approved = await cloud.callAs(HR, 'review', { action: 'decide', id: request.id, decision: 'approve' })
  expect(approved.ok).toBe(true)

  const page = renderPage('hr/detail/index', { id: request.id, hr: '1' })
  await waitOn(wechat, () => page.querySelector('.revoke-button'), 'the 撤销 button')
  wechat.tap(page.querySelector('.revoke-button'), '撤销')
  await waitOn(wechat, () => page.querySelector('.revoke-reason--approvedByMistake'), 'the reason picker')
  wechat.tap(page.querySelector('.revoke-reason--approvedByMistake'), 'a listed reason')
  // the choice is rendered before the confirm button takes it
  await waitOn(wechat, () => page.querySelector('.hr-chip--on.revoke-reason'), 'the chosen reason')
  wechat.tap(page.querySelector('.confirm-revoke'), '确认撤销')
  await waitOn(wechat, () => textOf(page).includes('撤销原因：审核有误'), 'the revoked request').catch(
    (e) => {
      throw new Error(`${e.message}; the page reads: ${textOf(page).slice(-400)}`)
    },
  )
  expect(textOf(page)).toContain('已撤销')
  expect(wechat.violations).toEqual([])

  const mine = await cloud.callAs(EMPLOYEE, 'makeup', { action: 'detail', id: request.id })
  expect(mine.data.status).toBe('revoked')
  expect(mine.data.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'approve', 'revoke'])
}, 180_000)
