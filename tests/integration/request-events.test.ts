// The notify timer's first job (server/request-events.ts): a request's events become its audit entries and notices
// once, whatever is repeated; an approval whose deciding call stopped before writing its record gets it, and a
// revoked request's record brought back by a late write goes, once the request has been still for a minute.
import { EJSON } from 'bson'
import type { AuditDoc, CheckinDoc, MakeupDoc } from '@core/makeup'
import type { OutboxDoc } from '@server/notices/records'
import { FRIDAY_10, docs, ok, setNow, settle } from './harness'
import { useEmulator } from './fixture'
import { A, COLLECTIONS, HR, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['makeup', 'review', 'notify'] })
const ID = 'm1_2026-11-24'
const request = () => docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: ID })[0]
const record = () => docs<CheckinDoc>(emu, COLLECTIONS.checkins, { _id: ID })[0]
const put = (collection: string, doc: object) =>
  emu.store.putDocument(collection, EJSON.serialize(doc, { relaxed: false }) as never)

async function start() {
  loadReviewFixture(emu, [{ memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' }])
  await setNow(emu, FRIDAY_10)
}

it('moves each event once: a repeated run (a crash before the clear) doubles nothing', async () => {
  await start()
  await ok(emu, 'review', 'decide', { id: ID, decision: 'approve' }, HR)
  const waiting = request()
  expect(waiting).toMatchObject({ eventsDue: true, recordDue: true })
  expect(waiting.events?.map((e) => e.action)).toEqual(['approve'])
  // the employee's timeline shows the approval before the timer moved it
  const before = await ok(emu, 'makeup', 'detail', { id: ID }, A)
  expect(before.timeline.map((t) => t.action)).toContain('approve')

  await settle(emu)
  // a run that stopped before its clear: the events are back in the document, and are moved again
  put(COLLECTIONS.makeups, { ...request(), events: waiting.events, eventsDue: true })
  await settle(emu)
  const approvals = docs<AuditDoc>(emu, COLLECTIONS.audit, { subjectId: ID, action: 'approve' })
  expect(approvals).toHaveLength(1)
  const notices = docs<OutboxDoc>(emu, 'outbox').filter(
    (n) => n.kind === 'requestDecided' && n.values.requestId === ID,
  )
  expect(notices).toHaveLength(1)
  expect(request()).toMatchObject({ events: [], eventsDue: false })
  const after = await ok(emu, 'makeup', 'detail', { id: ID }, A)
  expect(after.timeline).toEqual(before.timeline)
})

it('writes the record an approval left unwritten, a minute on, and removes a revoked request’s', async () => {
  await start()
  await ok(emu, 'review', 'decide', { id: ID, decision: 'approve' }, HR)
  // the deciding call stopped between its update and the record
  emu.store.deleteDocument(COLLECTIONS.checkins, ID)
  await settle(emu)
  // too recent to judge: the call may still be writing it
  expect(record()).toBeUndefined()
  expect(request().recordDue).toBe(true)
  await setNow(emu, new Date(Date.parse(FRIDAY_10) + 61_000))
  await settle(emu)
  expect(record()).toMatchObject({ source: 'makeup', requestId: ID, day: '2026-11-24' })
  expect(request().recordDue).toBe(false)

  await ok(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR)
  expect(record()).toBeUndefined()
  // a late write of the approval's record after the revocation removed it
  put(COLLECTIONS.checkins, { ...checkinDoc('m1', '2026-11-24'), source: 'makeup', requestId: ID })
  await setNow(emu, new Date(Date.parse(FRIDAY_10) + 122_000))
  await settle(emu)
  expect(record()).toBeUndefined()
  expect(request()).toMatchObject({ status: 'revoked', recordDue: false })
})
