import { DEFAULT_POLICY } from '@core/policy'
import {
  CONSENT_VERSION,
  consentText,
  DEFAULT_RETENTION_DAYS,
  discardedFiles,
  filesOf,
  hasCurrentConsent,
  leaksHealthData,
  minimiseReport,
  purgeCutoffDay,
  purgedDoc,
  removalDay,
  requiredHealthFields,
  retentionDaysOf,
} from '@core/privacy'
import type { HealthReport } from '@core/health'

const at = new Date('2026-11-27T02:00:00Z')
const report: HealthReport = {
  status: 'well',
  temperature: 36.6,
  region: '北京',
  healthCode: 'green',
  note: '无',
}

describe('consent', () => {
  it('is current only for the version in force and when not withdrawn', () => {
    expect(hasCurrentConsent(null)).toBe(false)
    expect(hasCurrentConsent({ version: CONSENT_VERSION, at })).toBe(true)
    expect(hasCurrentConsent({ version: CONSENT_VERSION, at, withdrawnAt: null })).toBe(true)
    expect(hasCurrentConsent({ version: CONSENT_VERSION, at, withdrawnAt: at })).toBe(false)
    expect(hasCurrentConsent({ version: CONSENT_VERSION - 1, at })).toBe(false)
  })

  it('states purpose, fields, who sees them, retention and withdrawal; the legal basis changes the text only', () => {
    const text = consentText({ retentionDays: 90 })
    expect(text.version).toBe(CONSENT_VERSION)
    expect(text.sections.map((s) => s.title)).toEqual([
      '目的',
      '收集的信息',
      '谁能看到',
      '保存期限',
      '如何撤回',
    ])
    expect(text.sections[3].body).toContain('90 天')
    const hr = consentText({ retentionDays: 90, legalBasis: 'hrManagement' })
    expect(hr.sections[0].body).toContain('人力资源管理')
    expect(hr.sections[0].body).not.toBe(text.sections[0].body)
    expect(hr.version).toBe(text.version)
  })
})

describe('retention', () => {
  it('defaults to 180 days and ignores nonsense', () => {
    expect(retentionDaysOf(undefined)).toBe(DEFAULT_RETENTION_DAYS)
    expect(retentionDaysOf({ retentionDays: 30 })).toBe(30)
    expect(retentionDaysOf({ retentionDays: -1 })).toBe(180)
    expect(retentionDaysOf({ retentionDays: 1.5 })).toBe(180)
  })

  it('counts in Shanghai days: the cutoff and the removal day agree', () => {
    // 2026-11-27 01:00 Shanghai is still 2026-11-26 in UTC
    expect(purgeCutoffDay(new Date('2026-11-26T17:00:00Z'), 30)).toBe('2026-10-28')
    expect(removalDay('2026-10-28', 30)).toBe('2026-11-27')
  })
})

describe('purge', () => {
  it('removes the listed fields, keeps day / status / who decided, and is idempotent', () => {
    const doc = {
      _id: 'r1',
      day: '2026-10-09',
      status: 'approved',
      decidedBy: 'm2',
      report,
      reason: '发烧',
      attachments: ['cloud://a.jpg'],
      decisionNote: '同意',
    }
    expect(filesOf('makeups', doc)).toEqual(['cloud://a.jpg'])
    const purged = purgedDoc('makeups', doc, at)
    expect(purged).toEqual({
      _id: 'r1',
      day: '2026-10-09',
      status: 'approved',
      decidedBy: 'm2',
      purgedAt: at,
    })
    expect(purgedDoc('makeups', purged, new Date())).toBe(purged)
    expect(filesOf('checkins', { report })).toEqual([])
    expect(filesOf('specials', { evidence: ['cloud://e.pdf'] })).toEqual(['cloud://e.pdf'])
  })

  it('deletes replaced files with the record: those it no longer refers to, and those still waiting', () => {
    expect(
      discardedFiles({}, ['cloud://a.jpg', 'cloud://b.jpg'], ['cloud://b.jpg', 'cloud://c.jpg']),
    ).toEqual(['cloud://a.jpg'])
    expect(discardedFiles({ discardedFiles: ['cloud://x.jpg'] }, ['cloud://a.jpg'], [])).toEqual([
      'cloud://x.jpg',
      'cloud://a.jpg',
    ])
    expect(discardedFiles({}, undefined, ['cloud://a.jpg'])).toEqual([])
    const doc = { attachments: ['cloud://b.jpg'], discardedFiles: ['cloud://a.jpg', 'cloud://b.jpg'] }
    expect(filesOf('makeups', doc)).toEqual(['cloud://b.jpg', 'cloud://a.jpg'])
    expect(purgedDoc('makeups', doc, new Date()).discardedFiles).toBeUndefined()
  })
})

describe('minimisation', () => {
  it('keeps only the health fields the policy requires (status always, note optional)', () => {
    expect(requiredHealthFields(DEFAULT_POLICY)).toEqual(['temperature', 'region', 'healthCode', 'note'])
    const lean = { requiredFields: ['region' as const] }
    expect(requiredHealthFields(lean)).toEqual(['region', 'note'])
    expect(minimiseReport(report, lean)).toEqual({ status: 'well', region: '北京', note: '无' })
  })
})

describe('leak scanner', () => {
  it.each([
    ['{"temperature":37.9}', /temperature/],
    ['体温 36.5', /temperature/],
    ['{"healthCode":"red"}', /colour/],
    ['https://x.tcb.qcloud.la/a.jpg?sign=abc&t=1', /URL/],
  ])('finds %s', (text, kind) => expect(leaksHealthData(text)).toMatch(kind))

  it.each([
    '{"subjectId":"m1_2026-11-27","action":"correct"}',
    'took 12.5 ms',
    'cloud://env/companies/c1/a.jpg',
  ])('passes %s', (text) => expect(leaksHealthData(text)).toBeNull())
})
