// My requests (H5 flavour, with the UI kit): the list from makeup.list, withdraw of a pending one.
import { fireEvent, render, screen, within } from '@testing-library/react'
import Requests from '@/employee/requests/index'
import { setGatewayBase } from '@/cloud/gateway'
import { startFakeGateway, type FakeGateway } from './support/gateway-server'

const report = { status: 'well', temperature: 36.5, region: '上海市', healthCode: 'green' }
const request = (id: string, day: string, status: string) => ({
  id,
  day,
  status,
  report,
  reason: '当天忘记打卡',
  attachments: [],
  submittedAt: '2026-11-27T04:30:00.000Z',
})

let gw: FakeGateway

beforeEach(async () => {
  localStorage.clear()
  const list = [request('r-1', '2026-11-26', 'pending'), request('r-2', '2026-11-20', 'rejected')]
  gw = await startFakeGateway(({ data }) => {
    if (data.action === 'list') return { ok: true, data: list }
    if (data.action === 'withdraw') return { ok: true, data: { ...list[0], status: 'withdrawn' } }
    return { ok: false, code: 'INTERNAL', message: '', next: '' }
  })
  setGatewayBase(gw.url)
})

afterEach(() => gw.close())

test('lists my requests with their state and withdraws a pending one', async () => {
  const { container } = render(<Requests />)
  await screen.findByText('11月26日 周四')
  const pending = container.querySelector<HTMLElement>('.request[data-id="r-1"]')!
  const rejected = container.querySelector<HTMLElement>('.request[data-id="r-2"]')!
  expect(within(pending).getByText('待审核')).toBeTruthy()
  expect(within(rejected).getByText('已驳回')).toBeTruthy()
  expect(rejected.querySelector('.withdraw-button')).toBeNull() // only pending requests can be withdrawn
  // submitted 04:30 UTC is 12:30 in Shanghai
  expect(within(pending).getByText('提交于 2026-11-27 12:30')).toBeTruthy()

  fireEvent.click(pending.querySelector('.withdraw-button')!)
  await within(pending).findByText('已撤回')
  expect(gw.calls.filter((c) => c.data.action === 'withdraw')).toEqual([
    { name: 'makeup', openid: 'o-emp-01', data: { action: 'withdraw', id: 'r-1' } },
  ])
  expect(pending.querySelector('.withdraw-button')).toBeNull()
})
