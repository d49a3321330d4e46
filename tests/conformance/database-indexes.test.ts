import {
  collectionsFile,
  failureOf,
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
      items: {
        indexes: [
          { name: 'by_company_day', keys: { companyId: 1, day: -1 } },
          { name: 'by_tag', keys: { tag: 1 } },
          { name: 'by_dept', keys: { 'profile.dept': 1 } },
        ],
      },
      codes: { indexes: [{ name: 'uniq_code', keys: { code: 1 }, unique: true }] },
    }),
  })
}, SETUP_TIMEOUT)
afterAll(() => t.close())
beforeEach(() => t.emulator.store.reset())

const items = () => t.db.collection('items')

/** Runs a call and returns the one database log entry it produced. */
async function logged(call: () => Promise<unknown>) {
  const mark = queryCount(t.emulator)
  const result: any = await call()
  const entries = queriesSince(t.emulator, mark)
  expect(entries).toHaveLength(1)
  return { result, entry: entries[0] }
}

async function seedItems(n = 1500) {
  const docs = []
  for (let i = 0; i < n; i++) {
    docs.push({
      _id: `i${i}`,
      companyId: `c${i % 10}`,
      day: `2026-11-${String((i % 30) + 1).padStart(2, '0')}`,
      tag: `t${i % 50}`,
      profile: { dept: i % 2 ? 'hr' : 'it' },
      n: i,
    })
  }
  await items().add({ data: docs })
  return docs
}

describe('declared indexes', () => {
  test('collections declared in collections.json exist with their indexes', async () => {
    expect((await items().count()).total).toBe(0)
    const info = t.emulator.store.listCollections().find((c) => c.name === 'items')
    expect(info?.indexes).toEqual(['by_company_day', 'by_tag', 'by_dept'])
    // reset empties them but keeps them
    await items().add({ data: { a: 1 } })
    t.emulator.store.reset()
    expect((await items().count()).total).toBe(0)
  })

  test('a unique index refuses a duplicate value on insert', async () => {
    await t.db.collection('codes').add({ data: { code: 'A1' } })
    const err = await failureOf(t.db.collection('codes').add({ data: { code: 'A1' } }))
    expect(err.errMsg).toMatch(/duplicate key.*uniq_code/)
    expect((await t.db.collection('codes').count()).total).toBe(1)
  })

  test('a unique index treats a missing field as null: two documents without it collide', async () => {
    await t.db.collection('codes').add({ data: { other: 1 } })
    const err = await failureOf(t.db.collection('codes').add({ data: { other: 2 } }))
    expect(err.errMsg).toMatch(/duplicate key/)
  })

  test('a unique index refuses an update to an existing value and leaves the document unchanged', async () => {
    await t.db.collection('codes').add({
      data: [
        { _id: 'x', code: 'A' },
        { _id: 'y', code: 'B' },
      ],
    })
    await failureOf(
      t.db
        .collection('codes')
        .doc('y')
        .update({ data: { code: 'A' } }),
    )
    expect((await t.db.collection('codes').doc('y').get()).data.code).toBe('B')
  })

  test('equality on an indexed field is pushed down: only the matching rows are read', async () => {
    const docs = await seedItems()
    const { result, entry } = await logged(() => items().where({ companyId: 'c3' }).limit(1000).get())
    expect(entry.index).toBe('by_company_day')
    expect(result.data).toHaveLength(docs.filter((d) => d.companyId === 'c3').length)
    expect(entry.scanned).toBe(150)
    expect(entry.warning).toBeUndefined()
  })

  test('equality plus a range on a compound index gives the same answer as a full filter', async () => {
    const docs = await seedItems()
    const { result, entry } = await logged(() =>
      items()
        .where({ companyId: 'c4', day: t._.gte('2026-11-20').and(t._.lt('2026-11-25')) })
        .orderBy('n', 'asc')
        .limit(1000)
        .get(),
    )
    const expected = docs.filter((d) => d.companyId === 'c4' && d.day >= '2026-11-20' && d.day < '2026-11-25')
    expect(entry.index).toBe('by_company_day')
    expect(result.data.map((d: any) => d._id)).toEqual(expected.map((d) => d._id))
    expect(entry.scanned).toBeLessThan(200)
  })

  test('a nested-path index serves dot-path and nested-object queries', async () => {
    await seedItems(1200)
    const { result, entry } = await logged(() =>
      items()
        .where({ profile: { dept: 'hr' } })
        .count(),
    )
    expect(entry.index).toBe('by_dept')
    expect(result.total).toBe(600)
  })

  test('a query no index serves on a large collection is flagged in the log (and still answered)', async () => {
    const docs = await seedItems()
    const { result, entry } = await logged(() =>
      items()
        .where({ n: t._.gte(1490) })
        .get(),
    )
    expect(entry.index).toBeNull()
    expect(entry.warning).toMatch(/no declared index/)
    expect(result.data).toHaveLength(docs.filter((d) => d.n >= 1490).length)
  })

  test('queries by _id use the primary key', async () => {
    await seedItems(1200)
    const { result, entry } = await logged(() =>
      items()
        .where({ _id: t._.in(['i1', 'i7', 'nope']) })
        .get(),
    )
    expect(entry.index).toBe('_id')
    expect(result.data.map((d: any) => d._id).sort()).toEqual(['i1', 'i7'])
  })

  test('once an indexed field holds an array, equality still means array-contains (pushdown is dropped)', async () => {
    await seedItems(1200)
    await items().add({ data: { _id: 'arr', tag: ['t3', 'special'] } })
    const { result, entry } = await logged(() => items().where({ tag: 'special' }).get())
    expect(result.data.map((d: any) => d._id)).toEqual(['arr'])
    expect(entry.index).not.toBe('by_tag')
    const t3 = await items().where({ tag: 't3' }).limit(1000).get()
    expect(t3.data.map((d: any) => d._id)).toContain('arr')
  })

  test('mixed types under an indexed field keep MongoDB semantics (pushdown only pre-selects)', async () => {
    await items().add({
      data: [
        { _id: 'num', tag: 1 },
        { _id: 'bool', tag: true },
        { _id: 'str', tag: '1' },
        { _id: 'null', tag: null },
        { _id: 'missing' },
        { _id: 'date', tag: new Date(5) },
      ],
    })
    const ids = async (q: object) => (await items().where(q).get()).data.map((d: any) => d._id).sort()
    expect(await ids({ tag: 1 })).toEqual(['num'])
    expect(await ids({ tag: true })).toEqual(['bool'])
    expect(await ids({ tag: t._.gt(0) })).toEqual(['num'])
    expect(await ids({ tag: t._.gte('') })).toEqual(['str'])
    expect(await ids({ tag: null })).toEqual(['missing', 'null'])
    expect(await ids({ tag: t._.in([1, '1']) })).toEqual(['num', 'str'])
  })

  test('equality on a date is pushed down; a date range is answered from the other predicates', async () => {
    await seedItems(1200)
    const at = new Date('2026-11-05T08:00:00.250Z')
    await items().add({
      data: [
        { _id: 'd1', companyId: 'c1', tag: at },
        { _id: 'd2', companyId: 'c1', tag: new Date(0) },
      ],
    })
    const eq = await logged(() => items().where({ tag: at }).get())
    expect(eq.entry.index).toBe('by_tag')
    expect(eq.result.data.map((d: any) => d._id)).toEqual(['d1'])
    const range = await logged(() =>
      items()
        .where({ companyId: 'c1', day: t._.exists(false), tag: t._.gt(new Date(1)) })
        .get(),
    )
    expect(range.entry.index).toBe('by_company_day')
    expect(range.result.data.map((d: any) => d._id)).toEqual(['d1'])
  })

  test('an aggregation starting with $match uses the index too', async () => {
    await seedItems()
    const $ = t._.aggregate
    const { result, entry } = await logged(() =>
      items()
        .aggregate()
        .match({ companyId: 'c1' })
        .group({ _id: '$companyId', n: $.sum(1) })
        .end(),
    )
    expect(entry.index).toBe('by_company_day')
    expect(result.list).toEqual([{ _id: 'c1', n: 150 }])
  })
})

describe('unique indexes inside transactions', () => {
  beforeEach(() => t.emulator.store.reset())

  test('a duplicate unique value fails at the transactional add, not only at commit', async () => {
    await t.db.collection('codes').add({ data: { _id: 'x', code: 'A' } })
    const tx = await t.db.startTransaction()
    const err = await failureOf(tx.collection('codes').add({ data: { code: 'A' } }))
    expect(String(err.errMsg)).toMatch(/duplicate key.*uniq_code/)
    await tx.rollback()
    expect((await t.db.collection('codes').count()).total).toBe(1)
  })

  test('two writes of one transaction cannot share a unique value; freeing a value first allows reuse', async () => {
    const tx = await t.db.startTransaction()
    await tx.collection('codes').add({ data: { _id: 'p', code: 'P' } })
    await failureOf(tx.collection('codes').add({ data: { _id: 'q', code: 'P' } }))
    await tx
      .collection('codes')
      .doc('p')
      .update({ data: { code: 'P2' } })
    await tx.collection('codes').add({ data: { _id: 'q', code: 'P' } })
    await tx.commit()
    const docs = (await t.db.collection('codes').get()).data.map((d: any) => [d._id, d.code])
    expect(docs.sort()).toEqual([
      ['p', 'P2'],
      ['q', 'P'],
    ])
  })
})
