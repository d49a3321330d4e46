import { startForTest, type TestEmulator, SETUP_TIMEOUT } from './helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startForTest()
}, SETUP_TIMEOUT)
afterAll(() => t.close())
beforeEach(async () => {
  t.emulator.store.reset()
  await t.db.createCollection('people')
}, SETUP_TIMEOUT)

const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id).sort()

async function seed(docs: object[]) {
  await t.db.collection('people').add({ data: docs })
}

describe('query semantics through wx-server-sdk', () => {
  test('a nested object in where() matches by dot path, not as an exact sub-document', async () => {
    await seed([
      { _id: 'a', profile: { dept: 'hr', level: 2 } },
      { _id: 'b', profile: { dept: 'hr' } },
      { _id: 'c', profile: { dept: 'it', level: 2 } },
    ])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ profile: { dept: 'hr' } })
          .get(),
      ),
    ).toEqual(['a', 'b'])
    expect(ids(await t.db.collection('people').where({ 'profile.level': 2 }).get())).toEqual(['a', 'c'])
  })

  test('_.eq({...}) on an object is an exact sub-document match', async () => {
    await seed([
      { _id: 'a', profile: { dept: 'hr', level: 2 } },
      { _id: 'b', profile: { dept: 'hr' } },
    ])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ profile: t._.eq({ dept: 'hr' }) })
          .get(),
      ),
    ).toEqual(['b'])
  })

  test('equality on an array field means "array contains"', async () => {
    await seed([
      { _id: 'a', tags: ['x', 'y'] },
      { _id: 'b', tags: ['y'] },
      { _id: 'c', tags: 'x' },
    ])
    expect(ids(await t.db.collection('people').where({ tags: 'x' }).get())).toEqual(['a', 'c'])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ tags: t._.all(['x', 'y']) })
          .get(),
      ),
    ).toEqual(['a'])
  })

  test('dot paths reach into arrays of objects', async () => {
    await seed([
      { _id: 'a', items: [{ sku: 1 }, { sku: 2 }] },
      { _id: 'b', items: [{ sku: 3 }] },
    ])
    expect(ids(await t.db.collection('people').where({ 'items.sku': 2 }).get())).toEqual(['a'])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ items: t._.elemMatch({ sku: t._.gt(2) }) })
          .get(),
      ),
    ).toEqual(['b'])
  })

  test('_.neq and _.nin match documents where the field is missing', async () => {
    await seed([{ _id: 'a', s: 'on' }, { _id: 'b', s: 'off' }, { _id: 'c' }])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ s: t._.neq('on') })
          .get(),
      ),
    ).toEqual(['b', 'c'])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ s: t._.nin(['on', 'off']) })
          .get(),
      ),
    ).toEqual(['c'])
  })

  test('_.in does not match missing fields; _.in([null]) does', async () => {
    await seed([{ _id: 'a', s: 'on' }, { _id: 'b', s: null }, { _id: 'c' }])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ s: t._.in(['on', 'x']) })
          .get(),
      ),
    ).toEqual(['a'])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ s: t._.in([null]) })
          .get(),
      ),
    ).toEqual(['b', 'c'])
  })

  test('_.exists distinguishes missing from null', async () => {
    await seed([{ _id: 'a', s: 1 }, { _id: 'b', s: null }, { _id: 'c' }])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ s: t._.exists(true) })
          .get(),
      ),
    ).toEqual(['a', 'b'])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ s: t._.exists(false) })
          .get(),
      ),
    ).toEqual(['c'])
  })

  test('orderBy follows BSON order across types: missing/null < numbers < strings < objects < booleans < dates', async () => {
    await seed([
      { _id: 'date', v: new Date(0) },
      { _id: 'bool', v: true },
      { _id: 'str', v: 'a' },
      { _id: 'num', v: 5 },
      { _id: 'obj', v: { x: 1 } },
      { _id: 'none' },
    ])
    const res = await t.db.collection('people').orderBy('v', 'asc').get()
    expect(res.data.map((d: any) => d._id)).toEqual(['none', 'num', 'str', 'obj', 'bool', 'date'])
    const desc = await t.db.collection('people').orderBy('v', 'desc').get()
    expect(desc.data.map((d: any) => d._id)).toEqual(['date', 'bool', 'obj', 'str', 'num', 'none'])
  })

  test('orderBy on two fields, then skip and limit', async () => {
    const docs = []
    for (let i = 0; i < 12; i++) docs.push({ _id: `p${i}`, g: i % 3, n: i })
    await seed(docs)
    const res = await t.db
      .collection('people')
      .orderBy('g', 'desc')
      .orderBy('n', 'asc')
      .skip(2)
      .limit(3)
      .get()
    expect(res.data.map((d: any) => d._id)).toEqual(['p8', 'p11', 'p1'])
  })

  test('range operators compare dates', async () => {
    await seed([
      { _id: 'old', at: new Date('2026-01-01T00:00:00Z') },
      { _id: 'mid', at: new Date('2026-06-01T00:00:00Z') },
      { _id: 'new', at: new Date('2026-11-01T00:00:00Z') },
    ])
    const from = new Date('2026-03-01T00:00:00Z')
    const to = new Date('2026-11-01T00:00:00Z')
    const res = await t.db
      .collection('people')
      .where({ at: t._.gte(from).and(t._.lt(to)) })
      .get()
    expect(ids(res)).toEqual(['mid'])
  })

  test('_.or and _.and combine conditions, across fields too', async () => {
    await seed([
      { _id: 'a', x: 1, y: 1 },
      { _id: 'b', x: 2, y: 1 },
      { _id: 'c', x: 3, y: 2 },
    ])
    const or = await t.db
      .collection('people')
      .where(t._.or([{ x: 1 }, { y: 2 }]))
      .get()
    expect(ids(or)).toEqual(['a', 'c'])
    const and = await t.db
      .collection('people')
      .where({ x: t._.gt(1).and(t._.lt(3)) })
      .get()
    expect(ids(and)).toEqual(['b'])
  })

  test('db.RegExp and JS regular expressions match strings (with options)', async () => {
    await seed([
      { _id: 'a', name: 'Alice' },
      { _id: 'b', name: 'alfred' },
      { _id: 'c', name: 'Bob' },
    ])
    const re = await t.db
      .collection('people')
      .where({ name: t.db.RegExp({ regexp: '^al', options: 'i' }) })
      .get()
    expect(ids(re)).toEqual(['a', 'b'])
    const js = await t.db.collection('people').where({ name: /^B/ }).get()
    expect(ids(js)).toEqual(['c'])
  })

  test('numbers compare by value across int and double; strings do not equal numbers', async () => {
    await seed([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 1.5 },
      { _id: 'c', v: '1' },
    ])
    expect(ids(await t.db.collection('people').where({ v: 1 }).get())).toEqual(['a'])
    expect(
      ids(
        await t.db
          .collection('people')
          .where({ v: t._.gt(1) })
          .get(),
      ),
    ).toEqual(['b'])
  })

  test('where() with an empty object matches everything', async () => {
    await seed([{ a: 1 }, { a: 2 }])
    expect((await t.db.collection('people').where({}).get()).data).toHaveLength(2)
  })
})

describe('limits', () => {
  beforeEach(async () => {
    const docs = []
    for (let i = 0; i < 1200; i++) docs.push({ _id: `d${String(i).padStart(4, '0')}`, i })
    await seed(docs)
  }, SETUP_TIMEOUT)

  test('get() without limit returns 100 documents', async () => {
    const res = await t.db.collection('people').get()
    expect(res.data).toHaveLength(100)
  })

  test('limit above 1000 returns 1000 documents', async () => {
    const res = await t.db.collection('people').limit(1200).get()
    expect(res.data).toHaveLength(1000)
  })

  test('the server caps limit at 1000 even when a client asks for more', async () => {
    const res = await fetch(`${t.emulator.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'people',
        queryType: 'WHERE',
        limit: 5000,
      }),
    })
    const body = await res.json()
    expect(body.data.list).toHaveLength(1000)
  })

  test('skip pages through in natural (insertion) order', async () => {
    const res = await t.db.collection('people').skip(1100).limit(200).get()
    expect(res.data).toHaveLength(100)
    expect(res.data[0]._id).toBe('d1100')
  })
})
