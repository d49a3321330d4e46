// Sort and date-range pushdown through the real SDK: a sorted page served by an index reads about one page of
// documents (the query log's `scanned`, deterministic), and answers exactly what a full read sorted by mingo would.
import {
  collectionsFile,
  queriesSince,
  queryCount,
  startForTest,
  type TestEmulator,
  SETUP_TIMEOUT,
} from './helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startForTest({
    collectionsFile: collectionsFile({
      reqs: {
        indexes: [
          { name: 'by_company_status_submitted', keys: { companyId: 1, status: 1, submittedAt: 1 } },
          { name: 'by_member_status_submitted', keys: { memberId: 1, status: 1, submittedAt: 1 } },
        ],
      },
      members: { indexes: [] },
    }),
  })
}, SETUP_TIMEOUT)
afterAll(() => t.close())

const reqs = () => t.db.collection('reqs')
const T0 = Date.UTC(2026, 10, 1)
const PENDING = 5000

/** Runs a call and returns its result and the one database log entry it produced. */
async function logged(call: () => Promise<any>) {
  const mark = queryCount(t.emulator)
  const result = await call()
  const entries = queriesSince(t.emulator, mark)
  expect(entries).toHaveLength(1)
  return { result, entry: entries[0] }
}

// 5 000 pending requests of company c1 among 8 000 (other statuses, another company); submission times collide
// in pairs so that the _id tiebreak matters; ids are not in time order.
interface Req {
  _id: string
  companyId: string
  status: string
  memberId: string
  submittedAt: Date
}
const all: Req[] = []
for (let i = 0; i < 8000; i++) {
  all.push({
    _id: `r${String((i * 7919) % 8000).padStart(5, '0')}`,
    companyId: i % 8 === 7 ? 'c2' : 'c1',
    status: i < 5714 && i % 8 !== 7 ? 'pending' : 'approved',
    memberId: `m${i % 40}`,
    submittedAt: new Date(T0 + Math.floor(((i * 104729) % 8000) / 2) * 60_000),
  })
}
const pending = all
  .filter((r) => r.companyId === 'c1' && r.status === 'pending')
  .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a._id < b._id ? -1 : 1))

beforeEach(async () => {
  t.emulator.store.reset()
  for (let i = 0; i < all.length; i += 1000) await reqs().add({ data: all.slice(i, i + 1000) })
}, SETUP_TIMEOUT)

test('the fixture has 5 000 pending requests of c1', () => {
  expect(pending).toHaveLength(PENDING)
})

test('a page of 20 ordered by the index reads 20 documents, in submittedAt then _id order', async () => {
  const { result, entry } = await logged(() =>
    reqs()
      .where({ companyId: 'c1', status: 'pending' })
      .orderBy('submittedAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(20)
      .get(),
  )
  expect(result.data.map((d: Req) => d._id)).toEqual(pending.slice(0, 20).map((r) => r._id))
  expect(entry).toMatchObject({ index: 'by_company_status_submitted', sort: 'index', returned: 20 })
  expect(entry.scanned).toBeLessThanOrEqual(21)
})

test('a later page after a (submittedAt, _id) cursor reads about one page, with a filter mingo checks', async () => {
  const _ = t._
  const cursor = pending[2000]
  const where = _.and(
    { companyId: 'c1', status: 'pending', memberId: _.neq('m3') },
    _.or([
      { submittedAt: _.gt(cursor.submittedAt) },
      { submittedAt: cursor.submittedAt, _id: _.gt(cursor._id) },
    ]),
  )
  const { result, entry } = await logged(() =>
    reqs().where(where).orderBy('submittedAt', 'asc').orderBy('_id', 'asc').skip(5).limit(20).get(),
  )
  const want = pending.slice(2001).filter((r) => r.memberId !== 'm3')
  expect(result.data.map((d: Req) => d._id)).toEqual(want.slice(5, 25).map((r) => r._id))
  expect(entry.sort).toBe('index')
  // nothing before the cursor is read; in its range, rows of m3 are read and refused by mingo
  expect(entry.scanned).toBe(pending.slice(2001).indexOf(want[24]) + 1)
  expect(entry.scanned).toBeLessThanOrEqual(30)
})

test('descending order walks the index backwards', async () => {
  const { result, entry } = await logged(() =>
    reqs().where({ companyId: 'c1', status: 'pending' }).orderBy('submittedAt', 'desc').limit(10).get(),
  )
  const got: Req[] = result.data
  expect(entry).toMatchObject({ sort: 'index', scanned: 10 })
  // ties on submittedAt keep the natural order (mingo's sort is stable): compare the times only
  expect(got.map((d) => new Date(d.submittedAt).getTime())).toEqual(
    [...pending]
      .reverse()
      .slice(0, 10)
      .map((r) => r.submittedAt.getTime()),
  )
})

test('an aggregation $match, $sort, $limit, $lookup reads one page of the sorted collection', async () => {
  const { result, entry } = await logged(() =>
    reqs()
      .aggregate()
      .match({ companyId: 'c1', status: 'pending' })
      .sort({ submittedAt: 1, _id: 1 })
      .limit(21)
      .lookup({ from: 'members', localField: 'memberId', foreignField: '_id', as: 'owner' })
      .end(),
  )
  expect(result.list.map((d: Req) => d._id)).toEqual(pending.slice(0, 21).map((r) => r._id))
  expect(entry).toMatchObject({ sort: 'index', scanned: 21 })
})

test('a date range on an indexed path is pushed down: only the rows in range are read', async () => {
  const _ = t._
  const from = new Date(T0 + 100 * 60_000)
  const to = new Date(T0 + 200 * 60_000)
  const { result, entry } = await logged(() =>
    reqs()
      .where({ companyId: 'c1', status: 'pending', submittedAt: _.gte(from).and(_.lt(to)) })
      .limit(1000)
      .get(),
  )
  const want = pending.filter((r) => r.submittedAt >= from && r.submittedAt < to)
  expect(want.length).toBeGreaterThan(50)
  expect(result.data.map((d: Req) => d._id).sort()).toEqual(want.map((r) => r._id).sort())
  expect(entry).toMatchObject({ index: 'by_company_status_submitted', scanned: want.length })
})

test('a count the index answers exactly reads no document', async () => {
  const { result, entry } = await logged(() =>
    reqs()
      .where({ companyId: 'c1', status: 'pending', memberId: t._.neq('m3') })
      .count(),
  )
  expect(result.total).toBe(pending.filter((r) => r.memberId !== 'm3').length)
  expect(entry).toMatchObject({ index: 'by_company_status_submitted', scanned: 0 })
})

test('once a string is stored among the dates, the sort falls back to memory and keeps BSON order', async () => {
  await reqs().add({ data: { _id: 'odd', companyId: 'c1', status: 'pending', submittedAt: 'yesterday' } })
  const { result, entry } = await logged(() =>
    reqs()
      .where({ companyId: 'c1', status: 'pending' })
      .orderBy('submittedAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(3)
      .get(),
  )
  // BSON: strings sort before dates
  expect(result.data.map((d: Req) => d._id)).toEqual(['odd', pending[0]._id, pending[1]._id])
  expect(entry.sort).toBe('memory')
  expect(entry.scanned).toBe(PENDING + 1)
})

test('an order no index serves (a key after the indexed ones) is sorted in memory', async () => {
  const { result, entry } = await logged(() =>
    reqs()
      .where({ companyId: 'c1', status: 'pending' })
      .orderBy('submittedAt', 'asc')
      .orderBy('memberId', 'desc')
      .limit(6)
      .get(),
  )
  const want = [...pending].sort(
    (a, b) =>
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      (a.memberId < b.memberId ? 1 : a.memberId > b.memberId ? -1 : 0),
  )
  expect(result.data.map((d: Req) => `${new Date(d.submittedAt).toISOString()}/${d.memberId}`)).toEqual(
    want.slice(0, 6).map((r) => `${r.submittedAt.toISOString()}/${r.memberId}`),
  )
  expect(entry).toMatchObject({ sort: 'memory', scanned: PENDING })
})
