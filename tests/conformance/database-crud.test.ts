import { failureOf, startForTest, type TestEmulator, SETUP_TIMEOUT } from './helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startForTest()
}, SETUP_TIMEOUT)
afterAll(() => t.close())
beforeEach(async () => {
  t.emulator.store.reset()
  await t.db.createCollection('todos')
}, SETUP_TIMEOUT)

describe('database CRUD through wx-server-sdk', () => {
  test('add returns a generated string _id and get returns the document with dates revived', async () => {
    const when = new Date('2026-11-28T08:00:00Z')
    const res = await t.db
      .collection('todos')
      .add({ data: { title: 'a', n: 1, at: when, nested: { x: [1, 2] } } })
    expect(typeof res._id).toBe('string')
    expect(res._id.length).toBeGreaterThan(10)
    const got = await t.db.collection('todos').doc(res._id).get()
    expect(got.errMsg).toBe('document.get:ok')
    expect(got.data).toEqual({ _id: res._id, title: 'a', n: 1, at: when, nested: { x: [1, 2] } })
    expect(got.data.at).toBeInstanceOf(Date)
  })

  test('add with an array inserts every document and returns their ids', async () => {
    const res = await t.db.collection('todos').add({ data: [{ k: 1 }, { k: 2 }, { _id: 'fixed', k: 3 }] })
    expect(res._ids).toHaveLength(3)
    expect(res._ids[2]).toBe('fixed')
    const { total } = await t.db.collection('todos').count()
    expect(total).toBe(3)
  })

  test('add with an existing _id fails and writes nothing', async () => {
    await t.db.collection('todos').add({ data: { _id: 'x', v: 1 } })
    const err = await failureOf(t.db.collection('todos').add({ data: [{ _id: 'y' }, { _id: 'x', v: 2 }] }))
    expect(String(err.errMsg)).toMatch(/duplicate/i)
    const { total } = await t.db.collection('todos').count()
    expect(total).toBe(1)
    expect((await t.db.collection('todos').doc('x').get()).data.v).toBe(1)
  })

  test('where().get() answers collection.get:ok with matching documents', async () => {
    await t.db.collection('todos').add({ data: [{ s: 'open' }, { s: 'done' }, { s: 'open' }] })
    const res = await t.db.collection('todos').where({ s: 'open' }).get()
    expect(res.errMsg).toBe('collection.get:ok')
    expect(res.data).toHaveLength(2)
  })

  test('doc().get() of a missing document fails with errCode -1 "document with _id X does not exist"', async () => {
    const err = await failureOf(t.db.collection('todos').doc('nope').get())
    expect(err.errCode).toBe(-1)
    expect(err.errMsg).toMatch(/document with _id nope does not exist/)
  })

  test('doc().update() deep-merges nested objects and reports updated: 1', async () => {
    await t.db.collection('todos').add({ data: { _id: 'd', profile: { name: 'a', dept: 'hr' }, n: 1 } })
    const res = await t.db
      .collection('todos')
      .doc('d')
      .update({ data: { profile: { dept: 'it' } } })
    expect(res.stats.updated).toBe(1)
    const { data } = await t.db.collection('todos').doc('d').get()
    expect(data).toEqual({ _id: 'd', profile: { name: 'a', dept: 'it' }, n: 1 })
  })

  test('doc().update() of a missing document reports updated: 0 without error', async () => {
    const res = await t.db
      .collection('todos')
      .doc('ghost')
      .update({ data: { a: 1 } })
    expect(res.stats.updated).toBe(0)
    expect((await t.db.collection('todos').count()).total).toBe(0)
  })

  test('doc().set() replaces the document and reports updated', async () => {
    await t.db.collection('todos').add({ data: { _id: 's', a: 1, b: { c: 1 } } })
    const res = await t.db
      .collection('todos')
      .doc('s')
      .set({ data: { b: { d: 2 } } })
    expect(res.stats).toEqual({ updated: 1, created: 0 })
    expect((await t.db.collection('todos').doc('s').get()).data).toEqual({ _id: 's', b: { d: 2 } })
  })

  test('doc().set() of a missing document creates it (upsert) and reports created: 1', async () => {
    const res = await t.db
      .collection('todos')
      .doc('new-one')
      .set({ data: { a: 1 } })
    expect(res._id).toBe('new-one')
    expect(res.stats).toEqual({ updated: 0, created: 1 })
    expect((await t.db.collection('todos').doc('new-one').get()).data).toEqual({ _id: 'new-one', a: 1 })
  })

  test('where().update() updates every match by default (multi) and reports the count', async () => {
    await t.db.collection('todos').add({ data: [{ g: 1 }, { g: 1 }, { g: 2 }] })
    const res = await t.db
      .collection('todos')
      .where({ g: 1 })
      .update({ data: { seen: true } })
    expect(res.stats.updated).toBe(2)
    expect((await t.db.collection('todos').where({ seen: true }).count()).total).toBe(2)
  })

  test('doc().remove() and where().remove() delete and report counts', async () => {
    await t.db.collection('todos').add({ data: [{ _id: 'r1', g: 1 }, { g: 2 }, { g: 2 }, { g: 3 }] })
    expect((await t.db.collection('todos').doc('r1').remove()).stats.removed).toBe(1)
    expect((await t.db.collection('todos').doc('r1').remove()).stats.removed).toBe(0)
    expect((await t.db.collection('todos').where({ g: 2 }).remove()).stats.removed).toBe(2)
    expect((await t.db.collection('todos').count()).total).toBe(1)
  })

  test('count() with a condition', async () => {
    await t.db.collection('todos').add({ data: [{ v: 1 }, { v: 5 }, { v: 9 }] })
    const res = await t.db
      .collection('todos')
      .where({ v: t._.gte(5) })
      .count()
    expect(res).toMatchObject({ total: 2, errMsg: 'collection.count:ok' })
  })

  test('db.serverDate() is replaced by the emulator clock (with offset), also under a clock offset', async () => {
    t.emulator.clock.setOffset(3_600_000)
    try {
      const before = Date.now() + 3_600_000
      await t.db
        .collection('todos')
        .add({ data: { _id: 'sd', at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }) } })
      const after = Date.now() + 3_600_000
      const { data } = await t.db.collection('todos').doc('sd').get()
      expect(data.at).toBeInstanceOf(Date)
      expect(data.at.getTime()).toBeGreaterThanOrEqual(before)
      expect(data.at.getTime()).toBeLessThanOrEqual(after)
      expect(data.later.getTime() - data.at.getTime()).toBe(60_000)
      await t.db
        .collection('todos')
        .doc('sd')
        .update({ data: { touched: t.db.serverDate() } })
      const again = await t.db.collection('todos').doc('sd').get()
      expect(again.data.touched.getTime()).toBeGreaterThanOrEqual(before)
    } finally {
      t.emulator.clock.setOffset(0)
    }
  })

  test('field() projects the returned fields', async () => {
    await t.db.collection('todos').add({ data: { _id: 'p', a: 1, b: 2, c: { d: 3, e: 4 } } })
    const res = await t.db.collection('todos').where({ _id: 'p' }).field({ a: true, 'c.d': true }).get()
    expect(res.data).toEqual([{ _id: 'p', a: 1, c: { d: 3 } }])
    const one = await t.db.collection('todos').doc('p').field({ b: true }).get()
    expect(one.data).toEqual({ _id: 'p', b: 2 })
  })

  test('createCollection makes a collection; creating it twice fails', async () => {
    const res = await t.db.createCollection('fresh')
    expect(res.errMsg).toBe('createCollection:ok')
    expect((await t.db.collection('fresh').count()).total).toBe(0)
    await failureOf(t.db.createCollection('fresh'))
  })
})
