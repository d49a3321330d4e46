// A request's detail (H5 flavour): report, reviewer comment, photo previews by temp link, timeline; withdraw.
import { fireEvent, render, screen } from '@testing-library/react'
import RequestDetail from '@/employee/request/index'
import { setGatewayBase } from '@/cloud/gateway'
import { startFakeGateway, type FakeGateway } from './support/gateway-server'

const base = {
  id: 'r-7',
  day: '2026-11-26',
  report: { status: 'unwell', temperature: 37.4, region: '杭州市', healthCode: 'yellow' },
  reason: '当天发烧在家休息',
  attachments: ['cloud://local-dev.bucket/companies/c-demo/members/m-01/a.png'],
  submittedAt: '2026-11-27T01:00:00.000Z',
  previews: [
    {
      fileID: 'cloud://local-dev.bucket/companies/c-demo/members/m-01/a.png',
      url: 'http://127.0.0.1/dl/a.png?sign=1',
    },
  ],
}
const submitted = {
  action: 'submit',
  from: null,
  to: 'pending',
  actor: { kind: 'member', id: 'm-01' },
  at: '2026-11-27T01:00:00.000Z',
  reason: '当天发烧在家休息',
}

let gw: FakeGateway
let status = 'pending'

beforeEach(async () => {
  status = 'pending'
  window.history.replaceState(null, '', '/?id=r-7')
  gw = await startFakeGateway(({ data }) => {
    const timeline =
      status === 'withdrawn'
        ? [
            submitted,
            {
              ...submitted,
              action: 'withdraw',
              from: 'pending',
              to: 'withdrawn',
              reason: '',
              at: '2026-11-27T02:00:00.000Z',
            },
          ]
        : [submitted]
    if (data.action === 'detail' && data.id === 'r-7')
      return { ok: true, data: { ...base, status, timeline } }
    if (data.action === 'withdraw') {
      status = 'withdrawn'
      return { ok: true, data: { ...base, status } }
    }
    return { ok: false, code: 'REQUEST_NOT_FOUND', message: '', next: '' }
  })
  setGatewayBase(gw.url)
})

afterEach(() => gw.close())

test('shows the request with its photo and timeline, and withdraws it', async () => {
  const { container } = render(<RequestDetail />)
  await screen.findByText('11月26日 周四')
  expect(screen.getByText('身体不适 · 体温 37.4°C · 杭州市 · 黄码')).toBeTruthy()
  expect(container.querySelector('.detail__photo')?.getAttribute('src')).toBe(
    'http://127.0.0.1/dl/a.png?sign=1',
  )
  expect(screen.getByText('提交申请 · 本人')).toBeTruthy()
  expect(screen.getByText('2026-11-27 09:00')).toBeTruthy() // Shanghai time

  fireEvent.click(container.querySelector('.withdraw-button')!)
  await screen.findByText('撤回申请 · 本人')
  expect(screen.getByText('已撤回')).toBeTruthy()
  expect(container.querySelector('.withdraw-button')).toBeNull()
  expect(gw.calls.map((c) => c.data.action)).toEqual(['detail', 'withdraw', 'detail'])
})

test('an unknown request shows the catalogue refusal', async () => {
  window.history.replaceState(null, '', '/?id=nope')
  render(<RequestDetail />)
  await screen.findByText('找不到这条申请')
  expect(screen.getByText('请刷新列表后重试')).toBeTruthy()
})
