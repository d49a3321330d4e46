// The home page (H5 flavour) against the real emulator and the built checkin function, as the demo employee.
import { fireEvent, render, screen } from '@testing-library/react'
import { act } from 'react'
import Home from '@/pages/index/index'
import { setGatewayBase } from '@/cloud/gateway'
import { startRealEmulator, type RealEmulator } from './support/real-emulator'

let emulator: RealEmulator

beforeAll(async () => {
  emulator = await startRealEmulator()
  setGatewayBase(emulator.url)
}, 180_000)

afterAll(() => emulator?.stop())

test('the demo employee checks in today through the real function; the record is stored once', async () => {
  localStorage.clear()
  const { container } = render(<Home />)
  await screen.findByText(/示例科技有限公司 · 张伟/)
  act(() => {
    container
      .querySelector('.temperature-input')!
      .dispatchEvent(new CustomEvent('input', { detail: { value: '36.6' }, bubbles: true }))
  })
  fireEvent.click(container.querySelector('.submit-checkin')!)
  await screen.findByText(/✓ 今日已打卡/)

  const data = await (
    await fetch(`${emulator.url}/control/export`, { headers: { 'x-emulator-token': emulator.controlToken } })
  ).json()
  const binding = data.collections.bindings.find((b: { _id: string }) => b._id === 'o-emp-01')
  const today = container.querySelector('.home__sub')!.textContent!.slice(0, 10)
  const mine = data.collections.checkins.filter(
    (c: { memberId: string; day: string }) => c.memberId === binding.memberId && c.day === today,
  )
  expect(mine).toHaveLength(1)
  expect(mine[0].report).toMatchObject({ temperature: 36.6, healthCode: 'green' })
}, 30000)
