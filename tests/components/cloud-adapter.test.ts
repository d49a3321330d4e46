// The cloud adapter over the H5 gateway: envelopes, identity header, uploads, and every transport failure turned
// into a catalogued refusal.
import { call, getTempFileURL, uploadFile } from '@/cloud'
import { askToNotify } from '@/cloud/subscribe'
import { setGatewayBase } from '@/cloud/gateway'
import { setOpenid } from '@/cloud/identity'
import { startFakeGateway, type FakeGateway } from './support/gateway-server'
import { member } from './support/fixtures'

let gw: FakeGateway

beforeEach(async () => {
  localStorage.clear()
  gw = await startFakeGateway(({ name, data }) => {
    if (name === 'checkin' && data.action === 'me')
      return { ok: true, data: { member, today: '2026-11-28', checkedInToday: false } }
    if (name === 'makeup') return { platformError: -504002 }
    return 'not an envelope'
  })
  setGatewayBase(gw.url)
})

afterEach(() => gw.close())

test('a call posts { data: { ...input, action } } as the signed-in openid and returns the Result', async () => {
  const res = await call('checkin', 'me', {})
  expect(res).toEqual({ ok: true, data: { member, today: '2026-11-28', checkedInToday: false } })
  expect(gw.calls).toEqual([{ name: 'checkin', openid: 'o-emp-01', data: { action: 'me' } }])

  setOpenid('o-hr-admin')
  await call('checkin', 'me', {})
  expect(gw.calls[1].openid).toBe('o-hr-admin')
})

test('a platform failure answer becomes SERVICE_UNAVAILABLE with the catalogue text', async () => {
  const res = await call('makeup', 'slots', {})
  expect(res).toEqual({
    ok: false,
    code: 'SERVICE_UNAVAILABLE',
    message: '服务暂时不可用',
    next: expect.any(String),
  })
})

test('an answer without a Result envelope becomes INTERNAL', async () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const res = await call('checkin', 'month', { month: '2026-11' })
  expect(res.ok === false && res.code).toBe('INTERNAL')
  spy.mockRestore()
})

test('an unreachable gateway becomes NETWORK_FAILED', async () => {
  await gw.close()
  const res = await call('checkin', 'me', {})
  expect(res.ok === false && res.code).toBe('NETWORK_FAILED')
  gw = await startFakeGateway(() => null) // for afterEach
})

test('uploadFile sends the raw bytes to the cloud path and returns the fileID', async () => {
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
  const res = await uploadFile(
    new Blob([bytes], { type: 'image/jpeg' }),
    'companies/c-demo/members/m-01/a.jpg',
  )
  expect(res).toEqual({ ok: true, data: 'cloud://local-dev.bucket/companies/c-demo/members/m-01/a.jpg' })
  expect(gw.uploads).toHaveLength(1)
  expect([...gw.uploads[0].bytes]).toEqual([...bytes])
  expect(gw.uploads[0].openid).toBe('o-emp-01')
})

test('askToNotify prompts for the templates and reports only the accepted ones', async () => {
  await askToNotify(['tmpl-makeup-decided', 'tmpl-other-declined'])
  expect(gw.subscribes).toEqual([
    { openid: 'o-emp-01', tmplIds: ['tmpl-makeup-decided', 'tmpl-other-declined'] },
  ])
  expect(gw.calls).toEqual([
    {
      name: 'notify',
      openid: 'o-emp-01',
      data: { action: 'subscribed', templateIds: ['tmpl-makeup-decided'] },
    },
  ])
})

test('askToNotify with nothing to ask prompts nobody', async () => {
  await askToNotify([])
  expect(gw.subscribes).toHaveLength(0)
  expect(gw.calls).toHaveLength(0)
})

test('getTempFileURL returns a link per file and marks the missing ones', async () => {
  const ok = 'cloud://local-dev.bucket/companies/c-demo/members/m-01/a.jpg'
  const missing = 'cloud://local-dev.bucket/companies/c-demo/members/m-01/missing.jpg'
  const res = await getTempFileURL([ok, missing])
  expect(res).toEqual({
    ok: true,
    data: [
      { fileID: ok, tempFileURL: expect.stringContaining('/download/'), ok: true },
      { fileID: missing, tempFileURL: '', ok: false },
    ],
  })
})
