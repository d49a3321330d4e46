// Shanghai dates must not depend on the machine's time zone (cloud functions run in UTC; developers do not).
import { execFileSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const probe = `
import { atLocalTime, EMPTY_CALENDAR, isoShanghai, isWorkingDay, localDay } from './core/calendar'
const t = new Date('2026-11-28T20:00:00Z')
console.log(JSON.stringify([localDay(t), isoShanghai(t), atLocalTime('2026-11-28', '10:00').toISOString(),
  isWorkingDay('2026-10-10', EMPTY_CALENDAR), isWorkingDay('2026-10-08', EMPTY_CALENDAR), isWorkingDay('2026-10-01', EMPTY_CALENDAR)]))
`

describe('dates and working days are the same in every process time zone', () => {
  it.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'])(
    'TZ=%s',
    (tz) => {
      const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['-e', probe], {
        cwd: root,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      })
      expect(JSON.parse(out)).toEqual([
        '2026-11-29',
        '2026-11-29T04:00:00.000+08:00',
        '2026-11-28T02:00:00.000Z',
        true,
        true,
        false,
      ])
    },
    30_000,
  )
})
