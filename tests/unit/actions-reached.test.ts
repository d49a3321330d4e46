// Every action of every function is reached from a page: the app calls it somewhere under src/ (timers are not
// actions: they have no entry in the contract). An action no page calls is a feature nobody can use.
import { execSync } from 'node:child_process'
import path from 'node:path'
import { schemas } from '@core/schemas'

const src = path.resolve(__dirname, '../../src')
const calls = execSync(`grep -rhoE "call\\\\('[a-z]+', '[A-Za-z]+'" ${src}`, { encoding: 'utf8' })
const called = new Set(calls.split('\n').map((l) => l.replace(/^call\('([a-z]+)', '([A-Za-z]+)'$/, '$1.$2')))
const actions = Object.entries(schemas).flatMap(([fn, byAction]) =>
  Object.keys(byAction).map((a) => `${fn}.${a}`),
)

test('the contract is read', () => {
  expect(actions).toEqual(
    expect.arrayContaining(['checkin.submit', 'review.decide', 'admin.removeDepartment']),
  )
})

test.each(actions)('%s is called from the app', (action) => {
  expect(called).toContain(action)
})
