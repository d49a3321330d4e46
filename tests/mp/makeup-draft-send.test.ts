// The make-up page of the weapp build: a form restored from the device's storage while WeChat reports no network
// says it will be sendable; when WeChat reports the network back (onNetworkStatusChange), the banner offers 发送 and
// one tap sends it, once, under the client request id it was saved with.
import { bootApp, renderPage, settle, textOf, waitFor, type CloudCall } from './harness'

const member = {
  memberId: 'm-01',
  name: '张三',
  companyId: 'c-demo',
  companyName: '示例科技',
  dept: '研发部',
  region: '北京市',
  roles: ['employee'],
  joinedOn: '2026-01-05',
  makeupEnabled: true,
}

function answer({ name, data }: CloudCall) {
  if (name === 'checkin' && data.action === 'me') {
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: true } }
  }
  if (name === 'makeup' && data.action === 'slots') {
    return {
      ok: true,
      data: {
        today: '2026-11-28',
        slots: [{ day: '2026-11-27', deadline: '2026-11-30T23:59:59+08:00' }],
        blocked: [],
        quota: [{ cycle: '2026-11', cap: 3, used: 0, remaining: 3 }],
        attachments: { rule: 'healthCode', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png'] },
      },
    }
  }
  if (name === 'makeup' && data.action === 'specials') return { ok: true, data: [] }
  if (name === 'makeup' && data.action === 'submit') {
    return {
      ok: true,
      data: { id: 'r-2', status: 'pending', submittedAt: '2026-11-28T02:00:00.000Z', ...data },
    }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('a restored form is offered for sending when WeChat reports the network back; one tap sends it once', async () => {
  const g = global as any
  // WeChat's network APIs (taro.js copies wx's APIs when it loads: define them first): no network at first
  const listeners: ((res: { isConnected: boolean; networkType: string }) => void)[] = []
  g.wx = g.wx ?? {}
  g.wx.getNetworkType = (o: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
    const res = { networkType: 'none', errMsg: 'getNetworkType:ok' }
    o?.success?.(res)
    o?.complete?.(res)
  }
  g.wx.onNetworkStatusChange = (cb: (typeof listeners)[number]) => listeners.push(cb)
  g.wx.offNetworkStatusChange = (cb: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(cb), 1)
  const booted = bootApp(answer)
  // the form the member left last time, kept in the device's storage
  const fileID = 'cloud://env-test.bucket/companies/c-demo/members/m-01/health-code.jpg'
  g.wx.setStorageSync('makeup-draft', {
    day: '2026-11-27',
    report: { status: 'well', temperature: '36.5', region: '北京市', healthCode: 'green' },
    reason: '当天手机没电，没能打卡',
    reasonKind: 'device',
    kind: 'healthCode',
    attachments: [fileID],
    pdfs: [],
    clientRequestId: 'req-saved-1',
    savedAt: '2026-11-27T12:00:00.000Z',
  })

  const page = renderPage('employee/makeup/index')
  await waitFor(() => page.querySelector('.restored-draft'), 'the restored form')
  await waitFor(() => textOf(page).includes('网络恢复后可一键发送'), 'the offline hint')
  expect(page.querySelector('.send-draft')).toBeFalsy()

  for (const l of [...listeners]) l({ isConnected: true, networkType: 'wifi' })
  const send = await waitFor(() => page.querySelector('.send-draft'), 'the 发送 button')
  send.dispatchEvent('tap')
  send.dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('补卡申请已提交'), 'the sent request')
  await settle()

  const submits = booted.calls.filter((c) => c.name === 'makeup' && c.data.action === 'submit')
  expect(submits).toHaveLength(1)
  expect(submits[0].data).toMatchObject({
    day: '2026-11-27',
    reason: '当天手机没电，没能打卡',
    reasonKind: 'device',
    attachments: [fileID],
    clientRequestId: 'req-saved-1',
  })
  // nothing is left to restore
  expect(g.wx.getStorageSync('makeup-draft')).toBe('')
})
