// The make-up page of the weapp build opened without network: it says so, and loads by itself when WeChat reports
// the network back (onNetworkStatusChange); a form kept on the device then comes back with 发送 on its banner.
import { bootApp, renderPage, textOf, waitFor, type CloudCall } from './harness'

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

let offline = true

function answer({ name, data }: CloudCall) {
  // no network: WeChat fails the call itself, with no errCode of the backend's
  if (offline) throw { errMsg: 'cloud.callFunction:fail Error: network error' }
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

test('a page opened offline loads when the network is back, and offers the kept form for sending', async () => {
  const g = global as any
  const listeners: ((res: { isConnected: boolean; networkType: string }) => void)[] = []
  g.wx = g.wx ?? {}
  g.wx.getNetworkType = (o: { success?: (r: unknown) => void }) =>
    o?.success?.({ networkType: offline ? 'none' : 'wifi', errMsg: 'getNetworkType:ok' })
  g.wx.onNetworkStatusChange = (cb: (typeof listeners)[number]) => listeners.push(cb)
  g.wx.offNetworkStatusChange = (cb: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(cb), 1)
  const booted = bootApp(answer)
  g.wx.setStorageSync('makeup-draft', {
    day: '2026-11-27',
    report: { status: 'well', temperature: '36.5', region: '北京市', healthCode: 'green' },
    reason: '当天手机没电，没能打卡',
    reasonKind: 'device',
    kind: 'healthCode',
    attachments: ['cloud://env-test.bucket/companies/c-demo/members/m-01/health-code.jpg'],
    pdfs: [],
    clientRequestId: 'req-saved-2',
    savedAt: '2026-11-27T12:00:00.000Z',
  })

  const page = renderPage('employee/makeup/index')
  await waitFor(() => textOf(page).includes('网络连接失败'), 'the offline refusal')
  expect(page.querySelector('.restored-draft')).toBeFalsy()

  offline = false
  for (const l of [...listeners]) l({ isConnected: true, networkType: 'wifi' })
  await waitFor(() => page.querySelector('.send-draft'), 'the kept form with 发送')
  expect(textOf(page)).not.toContain('网络连接失败')
  expect(booted.calls.filter((c) => c.name === 'makeup' && c.data.action === 'slots').length).toBe(2)
})
