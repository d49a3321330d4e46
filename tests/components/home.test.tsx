// The home page (H5 flavour): today's status, the check-in form, refusals, and the always-visible 补打卡 entry.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Home from '@/pages/index/index'
import { setGatewayBase } from '@/cloud/gateway'
import { startFakeGateway, type FakeGateway, type GatewayCall } from './support/gateway-server'
import { member } from './support/fixtures'

let gw: FakeGateway
let checkedIn = false

const REFUSED = { ok: false, code: 'INTERNAL', message: '', next: '' }

/** A backend that knows only checkin.me (answered by `me()`) and checkin.submit; anything else is refused. */
const checkinOnly =
  (me: () => object) =>
  ({ name, data }: GatewayCall) => {
    if (name !== 'checkin') return REFUSED
    if (data.action === 'me') return { ok: true, data: me() }
    if (data.action === 'submit') return { ok: true, data: { day: '2026-11-28', duplicate: false } }
    return REFUSED
  }

const type = (el: Element, value: string) =>
  act(() => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })

beforeEach(async () => {
  localStorage.clear()
  checkedIn = false
  gw = await startFakeGateway(({ name, data }) => {
    if (name !== 'checkin') return { ok: false, code: 'INTERNAL', message: '', next: '' }
    if (data.action === 'me')
      return { ok: true, data: { member, today: '2026-11-28', checkedInToday: checkedIn } }
    if (data.action === 'submit') {
      if (data.report.temperature > 42)
        return { ok: false, code: 'TEMPERATURE_OUT_OF_RANGE', message: '', next: '' }
      checkedIn = true
      return { ok: true, data: { day: '2026-11-28', duplicate: false } }
    }
    return { ok: false, code: 'INTERNAL', message: '', next: '' }
  })
  setGatewayBase(gw.url)
})

afterEach(() => gw.close())

test('checks in today through the gateway and shows the checked-in state', async () => {
  const { container } = render(<Home />)
  await screen.findByText('今天还没有打卡')
  expect(screen.getByText(/示例科技/)).toBeTruthy()

  type(container.querySelector('.temperature-input')!, '43.2')
  fireEvent.click(container.querySelector('.submit-checkin')!)
  // the refusal comes from the catalogue (the function sent only its code)
  await screen.findByText(/体温数值不在合理范围内/)
  expect(screen.getByText('请重新测量后填写')).toBeTruthy()

  type(container.querySelector('.temperature-input')!, '36.5')
  fireEvent.click(container.querySelector('.submit-checkin')!)
  await screen.findByText(/今日已打卡/)

  const submits = gw.calls.filter((c) => c.data.action === 'submit')
  expect(submits).toHaveLength(2)
  expect(submits[1]).toEqual({
    name: 'checkin',
    openid: 'o-emp-01',
    data: {
      action: 'submit',
      report: { status: 'well', temperature: 36.5, region: '上海市', healthCode: 'green' },
      clientRequestId: expect.any(String),
    },
  })
  // a refused attempt recorded nothing, so the corrected one is a new request
  expect(submits[1].data.clientRequestId).not.toBe(submits[0].data.clientRequestId)
  expect(container.querySelector('.temperature-input')).toBeNull()
})

test('an empty temperature is caught before any call', async () => {
  const { container } = render(<Home />)
  await screen.findByText('今天还没有打卡')
  fireEvent.click(container.querySelector('.submit-checkin')!)
  await screen.findByText('请填写体温')
  expect(gw.calls.filter((c) => c.data.action === 'submit')).toHaveLength(0)
})

test("the form asks only what the company's policy requires, and sends only that", async () => {
  await gw.close()
  gw = await startFakeGateway(
    checkinOnly(() => ({
      member: { ...member, reportFields: ['region'] },
      today: '2026-11-28',
      checkedInToday: false,
    })),
  )
  setGatewayBase(gw.url)
  const { container } = render(<Home />)
  await screen.findByText('今天还没有打卡')
  expect(container.querySelector('.temperature-input')).toBeNull()
  expect(container.querySelector('.code-choices')).toBeNull()
  type(container.querySelector('.region-input')!, '杭州')
  fireEvent.click(container.querySelector('.submit-checkin')!)
  await waitFor(() => expect(gw.calls.some((c) => c.data.action === 'submit')).toBe(true))
  expect(gw.calls.find((c) => c.data.action === 'submit')!.data.report).toEqual({
    status: 'well',
    region: '杭州',
  })
})

test('the 补打卡 entry stays visible and says why when the policy keeps it closed, with 申请开通', async () => {
  await gw.close()
  gw = await startFakeGateway(
    checkinOnly(() => ({
      member: { ...member, makeupEnabled: false },
      today: '2026-11-28',
      checkedInToday: true,
      makeup: { code: 'MAKEUP_NOT_ENABLED', access: null },
    })),
  )
  setGatewayBase(gw.url)
  render(<Home />)
  await screen.findByText(/今日已打卡/)
  expect(screen.getByText('补打卡')).toBeTruthy()
  expect(screen.getByText(/补打卡功能尚未为您开通/)).toBeTruthy()
  expect(screen.getByText(/申请开通 ›/)).toBeTruthy()
})

test("the member's raw switch alone does not close the entry: the policy decides", async () => {
  await gw.close()
  gw = await startFakeGateway(
    checkinOnly(() => ({
      member: { ...member, makeupEnabled: false },
      today: '2026-11-28',
      checkedInToday: true,
      makeup: { code: null, access: null },
    })),
  )
  setGatewayBase(gw.url)
  render(<Home />)
  await screen.findByText(/今日已打卡/)
  expect(screen.getByText('漏打的日子，在规定时间内补上')).toBeTruthy()
  expect(screen.queryByText(/补打卡功能尚未为您开通/)).toBeNull()
})

test('a network failure shows the catalogue message', async () => {
  await gw.close()
  render(<Home />)
  await waitFor(() => expect(screen.getByText('网络连接失败')).toBeTruthy())
  gw = await startFakeGateway(() => REFUSED)
})

test('a check-in the network swallowed is kept as a draft and delivered once when the network returns', async () => {
  const { container } = render(<Home />)
  await screen.findByText('今天还没有打卡')
  type(container.querySelector('.temperature-input')!, '36.8')

  await gw.close() // the network goes away
  fireEvent.click(container.querySelector('.submit-checkin')!)
  await screen.findByText('网络连接失败')
  await screen.findByText(/今日打卡尚未送达（已记录 1 次失败）/)
  fireEvent.click(container.querySelector('.home__draft-retry')!)
  await screen.findByText(/已记录 2 次失败/)

  // back online: the page retries by itself, with the same request id
  gw = await startFakeGateway(checkinOnly(() => ({ member, today: '2026-11-28', checkedInToday: false })))
  setGatewayBase(gw.url)
  act(() => {
    window.dispatchEvent(new Event('online'))
  })
  await screen.findByText(/今日已打卡/)
  const submits = gw.calls.filter((c) => c.data.action === 'submit')
  expect(submits).toHaveLength(1)
  expect(submits[0].data.report.temperature).toBe(36.8)
  expect(screen.queryByText(/尚未送达/)).toBeNull()
  expect(localStorage.getItem('checkin-draft')).toBeNull()
})

test('a draft from a day that has passed points to a make-up with the failures as evidence', async () => {
  localStorage.setItem(
    'checkin-draft',
    JSON.stringify({
      data: {
        day: '2026-11-27',
        report: { status: 'well', temperature: 36.5, region: '上海市', healthCode: 'green' },
        clientRequestId: 'r-old',
        failures: [{ at: '2026-11-27T01:00:00.000Z', error: 'NETWORK_FAILED' }],
      },
    }),
  )
  render(<Home />)
  await screen.findByText(/2026-11-27 的打卡因网络问题未送达，已记录 1 次失败作为证明/)
  expect(gw.calls.filter((c) => c.data.action === 'submit')).toHaveLength(0)
})

test('an unbound user binds with invite code, employee number and name, then sees the check-in form', async () => {
  await gw.close()
  let bound = false
  gw = await startFakeGateway(({ data }) => {
    if (data.action === 'me')
      return { ok: true, data: { member: bound ? member : null, today: '2026-11-28', checkedInToday: false } }
    if (data.action === 'bind') {
      if (data.inviteCode !== 'DEMO2026') return { ok: false, code: 'BIND_FAILED', message: '', next: '' }
      bound = true
      return { ok: true, data: member }
    }
    return { ok: false, code: 'INTERNAL', message: '', next: '' }
  })
  setGatewayBase(gw.url)
  const { container } = render(<Home />)
  await screen.findByText('绑定企业员工身份')
  expect(screen.queryByText('今天还没有打卡')).toBeNull()
  expect(screen.getByText(/尚未绑定企业员工身份/)).toBeTruthy() // the 补打卡 entry says why it is unavailable

  type(container.querySelector('.bind-inviteCode')!, 'WRONG')
  type(container.querySelector('.bind-employeeNo')!, 'E004')
  type(container.querySelector('.bind-name')!, '张伟')
  fireEvent.click(container.querySelector('.bind-submit')!)
  await screen.findByText('邀请码或工号不正确')

  type(container.querySelector('.bind-inviteCode')!, 'DEMO2026')
  fireEvent.click(container.querySelector('.bind-submit')!)
  await screen.findByText('今天还没有打卡')
  expect(gw.calls.find((c) => c.data.action === 'bind' && c.data.inviteCode === 'DEMO2026')?.data).toEqual({
    action: 'bind',
    inviteCode: 'DEMO2026',
    employeeNo: 'E004',
    name: '张伟',
  })
})

test('an HR invitation link fills in the invite code', async () => {
  await gw.close()
  gw = await startFakeGateway(({ data }) =>
    data.action === 'me'
      ? { ok: true, data: { member: null, today: '2026-11-28', checkedInToday: false } }
      : { ok: false, code: 'INTERNAL', message: '', next: '' },
  )
  setGatewayBase(gw.url)
  window.history.replaceState(null, '', '/?invite=DEMO2026')
  try {
    const { container } = render(<Home />)
    await screen.findByText('绑定企业员工身份')
    expect(
      (container.querySelector('.bind-inviteCode input') as HTMLInputElement | null)?.value ??
        container.querySelector('.bind-inviteCode')?.getAttribute('value'),
    ).toBe('DEMO2026')
  } finally {
    window.history.replaceState(null, '', '/')
  }
})

test('during maintenance the banner shows and a check-in waits as a draft, sent once the window is over', async () => {
  await gw.close()
  let maintenance: object | null = {
    start: '2026-11-28T08:00:00+08:00',
    end: '2026-11-28T10:00:00+08:00',
    note: '数据库升级',
    active: true,
  }
  gw = await startFakeGateway(
    checkinOnly(() => ({
      member,
      today: '2026-11-28',
      checkedInToday: false,
      todayIsWorkday: true,
      maintenance,
    })),
  )
  setGatewayBase(gw.url)
  const { container } = render(<Home />)
  await screen.findByText(/系统维护中（11月28日 08:00 至 11月28日 10:00）：数据库升级/)
  type(container.querySelector('.temperature-input')!, '36.5')
  fireEvent.click(container.querySelector('.submit-checkin')!)
  await screen.findByText(/维护结束后会自动提交/)
  expect(gw.calls.filter((c) => c.data.action === 'submit')).toHaveLength(0)

  maintenance = null
  act(() => {
    window.dispatchEvent(new Event('online'))
  })
  await screen.findByText(/今日已打卡/)
  expect(gw.calls.filter((c) => c.data.action === 'submit')).toHaveLength(1)
})

test('on a rest day the page says no check-in is needed, and still takes a voluntary one', async () => {
  await gw.close()
  gw = await startFakeGateway(
    checkinOnly(() => ({ member, today: '2026-11-29', checkedInToday: false, todayIsWorkday: false })),
  )
  setGatewayBase(gw.url)
  const { container } = render(<Home />)
  await screen.findByText('今天是休息日，无需打卡，也可自愿填报')
  expect(container.querySelector('.submit-checkin')).not.toBeNull()
})
