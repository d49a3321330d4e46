import { EMPTY_CALENDAR } from '@core/calendar'
import { monthView } from '@core/checkin'

describe('monthView', () => {
  it('gives each day one state', () => {
    const now = new Date('2026-11-27T02:00:00Z') // Friday 27th, Shanghai
    const view = monthView('2026-11', now, '2026-11-03', EMPTY_CALENDAR, {
      records: [
        { day: '2026-11-04', source: 'daily' },
        { day: '2026-11-05', source: 'makeup' },
      ],
      requests: [
        { day: '2026-11-06', status: 'pending' },
        { day: '2026-11-09', status: 'rejected' },
        { day: '2026-11-11', status: 'returned' },
      ],
      grantedDays: ['2026-11-10'],
    })
    const state = (d: string) => view.days.find((x) => x.day === `2026-11-${d}`)?.state
    expect(view.days).toHaveLength(30)
    expect(view.today).toBe('2026-11-27')
    expect(state('02')).toBe('beforeJoin')
    expect(state('04')).toBe('checked')
    expect(state('05')).toBe('madeUp')
    expect(state('06')).toBe('pending')
    expect(state('09')).toBe('missed')
    expect(state('10')).toBe('granted')
    expect(state('11')).toBe('pending')
    expect(state('08')).toBe('rest')
    expect(state('27')).toBe('open')
    expect(state('28')).toBe('future')
  })
})
