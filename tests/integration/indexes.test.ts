// Every query the employee functions make is served by an index declared in database/collections.json
// (the emulator plans each query on the same indexes CloudBase would have and logs which one it used).
import { A, C2, FRIDAY_10, NEW, fixture, makeupInput, ok, report, rid } from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ files: true, data: () => fixture(), at: FRIDAY_10 })

interface Detail {
  action: string
  collection?: string
  query?: unknown
  index?: string | null
  /** an aggregation's joins, each read like a query */
  lookups?: Detail[]
}

/** The reads a logged call made: a query, or an aggregation's leading $match and each of its lookups. */
function readsOf(d: Detail): Detail[] {
  if (d.action === 'database.getDocument') return [d]
  if (d.action !== 'database.aggregateDocuments') return []
  const stages = (d.query ?? []) as Record<string, unknown>[]
  const root = { ...d, query: stages[0]?.$match ?? {} }
  return [root, ...(d.lookups ?? []).map((l) => ({ ...l, action: 'lookup' }))]
}

it('every database query of checkin and makeup uses a declared index', async () => {
  const since = emu.requestLog({ limit: 1 }).at(-1)?.seq ?? 0
  // every action once
  await ok(emu, 'checkin', 'me', {}, A)
  await ok(emu, 'checkin', 'bind', { inviteCode: 'JOIN2026', employeeNo: 'M3', name: '新同事' }, NEW)
  await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
  await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
  await ok(emu, 'makeup', 'slots', {}, A)
  const req = await ok(emu, 'makeup', 'submit', makeupInput('2026-11-25', { reason: '忘记' }), A)
  await ok(emu, 'makeup', 'list', {}, A)
  await ok(emu, 'makeup', 'list', { status: 'pending' }, A)
  await ok(emu, 'makeup', 'detail', { id: req.id }, A)
  await ok(emu, 'makeup', 'withdraw', { id: req.id }, A)
  await ok(
    emu,
    'makeup',
    'special',
    { day: '2026-11-20', reason: '出差', evidence: [], clientRequestId: rid() },
    A,
  )
  await ok(emu, 'makeup', 'specials', {}, A)
  await ok(emu, 'makeup', 'list', {}, C2)

  const queries = emu
    .requestLog({ since, limit: 10_000 })
    .flatMap((e) => ((e as { details?: Detail[] }).details ?? []) as Detail[])
    .filter((d) => d.collection)
    .flatMap(readsOf)
  expect(queries.length).toBeGreaterThan(20)
  const unindexed = queries.filter((q) => !q.index)
  expect(unindexed.map((q) => `${q.collection} ${JSON.stringify(q.query)}`)).toEqual([])
  // and every where-query is scoped to a company
  // keys that embed the member id (unique across companies, like `_id`) need no companyId beside them
  const memberScoped = ['_id', 'by_quota_key', 'by_day_key', 'by_slot_key']
  const scans = queries.filter((q) => !memberScoped.includes(q.index ?? ''))
  expect(scans.length).toBeGreaterThan(5)
  expect(
    scans.filter((q) => !JSON.stringify(q.query).includes('"companyId"') && q.collection !== 'companies'),
  ).toEqual([])
})
