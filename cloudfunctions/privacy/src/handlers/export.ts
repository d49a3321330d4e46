import type { Api } from '@core/api'
import { hasCurrentConsent } from '@core/privacy'
import { LEAVE_COLLECTION, type LeaveDoc } from '@core/leave'
import { COLLECTIONS, type CheckinDoc, type MakeupDoc, type SpecialDoc } from '@core/makeup'
import { accessesOf, recordAccess } from '@server/privacy/access-log'
import { consentView, PRIVACY_LOG, type PrivacyLogDoc, type PrivacyMember } from '@server/privacy/records'
import { memberView, requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import type { Db } from '@server/sdk'
import { accessView } from './status'

type Out = Api['privacy']['exportMine'][1]

const PAGE = 1000

/** All and only my data: every query is keyed by my company and member id. The export itself is logged. */
export async function exportMine(_input: unknown, { db, openid, now }: Context): Promise<Out> {
  const caller = await requireCaller(db, openid)
  const member = caller.member as PrivacyMember
  const mine = { companyId: member.companyId, memberId: member._id }
  const [checkins, makeups, specials, log, accesses, leaves] = await Promise.all([
    all<CheckinDoc>(db, COLLECTIONS.checkins, mine, 'day'),
    all<MakeupDoc>(db, COLLECTIONS.makeups, mine, 'submittedAt'),
    all<SpecialDoc>(db, COLLECTIONS.specials, mine, 'day'),
    all<PrivacyLogDoc>(db, PRIVACY_LOG, mine, 'at'),
    accessesOf(db, member.companyId, member._id, 1000),
    all<LeaveDoc>(db, LEAVE_COLLECTION, mine, 'day'),
  ])
  await recordAccess(db, {
    companyId: member.companyId,
    viewer: { id: member._id, name: member.name },
    subject: member._id,
    what: 'export',
    at: now,
  })
  return {
    exportedAt: now.toISOString(),
    member: { ...memberView(caller), employeeNo: member.employeeNo },
    consent: consentView(member.healthConsent, hasCurrentConsent(member.healthConsent)),
    consentHistory: log.map((l) => ({ action: l.action, version: l.version, at: iso(l.at) })),
    checkins: checkins.map((c) => ({
      day: c.day,
      source: c.source,
      at: iso(c.at),
      report: c.report ?? null,
    })),
    makeups: makeups.map((r) => ({
      id: r._id,
      day: r.day,
      status: r.status,
      report: r.report ?? null,
      reason: r.reason ?? null,
      attachments: r.attachments ?? [],
      submittedAt: iso(r.submittedAt),
      decidedAt: r.decidedAt ? iso(r.decidedAt) : null,
    })),
    specials: specials.map((s) => ({
      id: s._id,
      day: s.day,
      status: s.status,
      reason: s.reason ?? null,
      evidence: s.evidence ?? [],
      submittedAt: iso(s.submittedAt),
    })),
    leaves: leaves.map((l) => ({ day: l.day, kind: l.kind })),
    accessLog: accesses.map(accessView),
  }
}

const iso = (d: Date | string) => new Date(d).toISOString()

async function all<T>(db: Db, coll: string, where: object, order: string): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE) {
    const res = await db.collection(coll).where(where).orderBy(order, 'asc').skip(skip).limit(PAGE).get()
    out.push(...(res.data as T[]))
    if (res.data.length < PAGE) return out
  }
}
