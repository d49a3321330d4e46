import { queriesSince, queryCount, startForTest, type TestEmulator, SETUP_TIMEOUT } from './helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startForTest()
  await t.db.createCollection('orders')
  await t.db.createCollection('users')
  await t.db.collection('users').add({
    data: [
      { _id: 'u1', name: 'Ann' },
      { _id: 'u2', name: 'Bo' },
    ],
  })
  await t.db.collection('orders').add({
    data: [
      { _id: 'o1', user: 'u1', amount: 10, items: ['x', 'y'], day: new Date('2026-11-01T00:00:00Z') },
      { _id: 'o2', user: 'u1', amount: 5, items: ['y'], day: new Date('2026-11-02T00:00:00Z') },
      { _id: 'o3', user: 'u2', amount: 7, items: [], day: new Date('2026-11-02T00:00:00Z') },
      { _id: 'o4', user: 'u2', amount: 1, items: ['z'], day: new Date('2026-11-03T00:00:00Z') },
    ],
  })
}, SETUP_TIMEOUT)
afterAll(() => t.close())

const orders = () => t.db.collection('orders').aggregate()

describe('aggregation through wx-server-sdk', () => {
  test('match, group with sum, sort', async () => {
    const $ = t._.aggregate
    const res = await orders()
      .match({ amount: t._.gt(1) })
      .group({ _id: '$user', total: $.sum('$amount'), n: $.sum(1) })
      .sort({ total: -1 })
      .end()
    expect(res.list).toEqual([
      { _id: 'u1', total: 15, n: 2 },
      { _id: 'u2', total: 7, n: 1 },
    ])
  })

  test('skip, limit and project', async () => {
    const res = await orders().sort({ amount: 1 }).skip(1).limit(2).project({ _id: 0, amount: 1 }).end()
    expect(res.list).toEqual([{ amount: 5 }, { amount: 7 }])
  })

  test('count stage', async () => {
    const res = await orders().match({ user: 'u2' }).count('n').end()
    expect(res.list).toEqual([{ n: 2 }])
  })

  test('lookup joins another collection', async () => {
    const res = await orders()
      .match({ _id: 'o3' })
      .lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'who' })
      .end()
    expect(res.list[0].who).toEqual([{ _id: 'u2', name: 'Bo' }])
  })

  test('lookup on an array localField lists only the matching documents, as MongoDB does', async () => {
    const res = await orders()
      .match({ _id: 'o1' })
      .addFields({ wanted: ['u2', 'nobody', 'u1'] })
      .lookup({ from: 'users', localField: 'wanted', foreignField: '_id', as: 'who' })
      .end()
    expect(res.list[0].who.map((u: { _id: string }) => u._id).sort()).toEqual(['u1', 'u2'])
  })

  test('lookup on an empty array localField joins nothing and reads nothing of the other collection', async () => {
    const mark = queryCount(t.emulator)
    const res = await orders()
      .match({ _id: 'o1' })
      .addFields({ wanted: [] })
      .lookup({ from: 'users', localField: 'wanted', foreignField: '_id', as: 'who' })
      .end()
    expect(res.list[0].who).toEqual([])
    const [entry] = queriesSince(t.emulator, mark)
    expect(entry.scanned).toBe(1) // the one order matched
    expect((entry.lookups ?? []).reduce((n, l) => n + l.scanned, 0)).toBe(0)
  })

  test('lookup with an uncorrelated sub-pipeline, and with a join from each input document', async () => {
    const sub = t._.aggregate.pipeline().match({ user: 'u2' }).project({ _id: 1 }).done()
    const res = await t.db
      .collection('users')
      .aggregate()
      .sort({ _id: 1 })
      .lookup({ from: 'orders', pipeline: sub, as: 'ofBo' })
      .lookup({ from: 'orders', localField: '_id', foreignField: 'user', as: 'own' })
      .end()
    expect(res.list.map((u: any) => [u._id, u.ofBo.length, u.own.map((o: any) => o._id).sort()])).toEqual([
      ['u1', 2, ['o1', 'o2']],
      ['u2', 2, ['o3', 'o4']],
    ])
  })

  test('unwind expands arrays, addFields computes fields', async () => {
    const $ = t._.aggregate
    const res = await orders()
      .unwind('$items')
      .addFields({ double: $.multiply(['$amount', 2]) })
      .project({ _id: 1, items: 1, double: 1 })
      .end()
    expect(res.list).toEqual([
      { _id: 'o1', items: 'x', double: 20 },
      { _id: 'o1', items: 'y', double: 20 },
      { _id: 'o2', items: 'y', double: 10 },
      { _id: 'o4', items: 'z', double: 2 },
    ])
  })

  test('dates survive the pipeline and group keys can be dates', async () => {
    const $ = t._.aggregate
    const res = await orders()
      .group({ _id: '$day', n: $.sum(1) })
      .sort({ _id: 1 })
      .end()
    expect(res.list.map((r: any) => [r._id, r.n])).toEqual([
      [new Date('2026-11-01T00:00:00Z'), 1],
      [new Date('2026-11-02T00:00:00Z'), 2],
      [new Date('2026-11-03T00:00:00Z'), 1],
    ])
    expect(res.list[0]._id).toBeInstanceOf(Date)
  })
})
