// The morning-peak company: N employees spread over R departments, one reviewer per department, every employee
// checked in on the previous days except a share who missed the last two working days (they submit make-ups
// during the run, so the reviewers have work). Written as an emulator seed file (EJSON), loaded by `--seed`.
import fs from 'node:fs'
import { EJSON } from 'bson'
import type { HealthReport } from '@core/health'
import type { LocalDay } from '@core/shared'
import { addDays } from '@core/calendar'
import { DEFAULT_POLICY, type Policy } from '@core/policy'
import { checkinId, type BindingDoc, type CheckinDoc, type CompanyDoc, type MemberDoc } from '@core/makeup'

/** 09:30 on a Wednesday in Shanghai: the previous Monday and Tuesday are working days (no holiday near). */
export const PEAK_NOW = new Date('2026-11-25T01:30:00Z')
export const TODAY: LocalDay = '2026-11-25'
/** the days a make-up member missed, oldest first */
export const MISSED_DAYS: LocalDay[] = ['2026-11-23', '2026-11-24']
export const COMPANY_ID = 'c-peak'

export const REPORT: HealthReport = { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' }

export const PEAK_POLICY: Policy = {
  ...DEFAULT_POLICY,
  window: { days: 7, unit: 'natural' },
  cutoffDay: null,
  quota: { cycle: { kind: 'month' }, cap: 3, refundOnRejection: true },
  review: 'required',
  attachments: { ...DEFAULT_POLICY.attachments, rule: 'none' },
}

export interface PeakMember {
  id: string
  openid: string
  dept: string
  /** days to make up before checking in today */
  missed: LocalDay[]
}

export interface PeakFixture {
  employees: PeakMember[]
  reviewers: PeakMember[]
  makeups: number
}

export interface FixtureSize {
  members: number
  reviewers: number
  /** one employee in `makeupEvery` of each department missed the last two days */
  makeupEvery?: number
}

export function peakFixture({ members, reviewers, makeupEvery = 10 }: FixtureSize): PeakFixture {
  if (members < 1 || reviewers < 1) throw new Error('the load needs at least one member and one reviewer')
  const dept = (i: number) => `部门${i % reviewers}`
  const employees = Array.from({ length: members }, (_, i) => ({
    id: `m${i}`,
    openid: `o-peak-${i}`,
    dept: dept(i),
    // every department gets its share of make-ups, so every reviewer has work
    missed: Math.floor(i / reviewers) % makeupEvery === 0 ? MISSED_DAYS : [],
  }))
  const reviewerList = Array.from({ length: reviewers }, (_, i) => ({
    id: `r${i}`,
    openid: `o-peak-rev-${i}`,
    dept: dept(i),
    missed: [],
  }))
  return { employees, reviewers: reviewerList, makeups: employees.reduce((n, m) => n + m.missed.length, 0) }
}

function memberDoc(m: PeakMember, reviewer: boolean): MemberDoc & Record<string, unknown> {
  return {
    _id: m.id,
    companyId: COMPANY_ID,
    employeeNo: m.id.toUpperCase(),
    name: `员工${m.id}`,
    dept: m.dept,
    region: '北京',
    roles: reviewer ? ['reviewer', 'employee'] : ['employee'],
    joinedOn: '2026-01-05',
    makeupEnabled: true,
    identityBound: true,
    openid: m.openid,
    status: 'active',
    // the consent gate of health-data actions
    healthConsent: { version: 1, at: new Date('2026-01-05T02:00:00Z'), withdrawnAt: null },
  }
}

/** The seed's collections: company, members, bindings, and the check-ins of the week before today. */
export function seedCollections(f: PeakFixture): Record<string, object[]> {
  const company: CompanyDoc = {
    _id: COMPANY_ID,
    name: '早高峰科技',
    inviteCode: 'PEAK2026',
    policy: PEAK_POLICY,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  }
  const everyone = [
    ...f.employees.map((m) => ({ m, rev: false })),
    ...f.reviewers.map((m) => ({ m, rev: true })),
  ]
  const bindings: BindingDoc[] = everyone.map(({ m }) => ({
    _id: m.openid,
    companyId: COMPANY_ID,
    memberId: m.id,
    boundAt: new Date('2026-01-05T02:00:00Z'),
  }))
  const checkins: CheckinDoc[] = []
  for (let back = 1; back <= 7; back++) {
    const day = addDays(TODAY, -back)
    for (const { m } of everyone) {
      if (m.missed.includes(day)) continue
      checkins.push({
        _id: checkinId(m.id, day),
        companyId: COMPANY_ID,
        memberId: m.id,
        day,
        report: REPORT,
        source: 'daily',
        at: new Date(`${day}T01:00:00Z`),
      })
    }
  }
  return {
    companies: [company],
    members: everyone.map(({ m, rev }) => memberDoc(m, rev)),
    bindings,
    checkins,
  }
}

/** Writes the seed file the emulator loads into its empty data folder. */
export function writeSeed(file: string, f: PeakFixture): void {
  const collections = Object.fromEntries(
    Object.entries(seedCollections(f)).map(([name, docs]) => [
      name,
      docs.map((d) => EJSON.serialize(d, { relaxed: false })),
    ]),
  )
  fs.writeFileSync(file, JSON.stringify({ collections }))
}
