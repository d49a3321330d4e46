import { failureOf, startForTest, type TestEmulator, SETUP_TIMEOUT } from './helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startForTest()
}, SETUP_TIMEOUT)
afterAll(() => t.close())
beforeEach(async () => {
  t.emulator.store.reset()
  await t.db.createCollection('docs')
  await t.db.collection('docs').add({
    data: {
      _id: 'd',
      n: 5,
      s: 'text',
      tags: ['a', 'b'],
      profile: { name: 'x', dept: 'hr' },
      list: [1, 2, 3],
    },
  })
}, SETUP_TIMEOUT)

const doc = () => t.db.collection('docs').doc('d')
const read = async () => (await doc().get()).data

describe('update operators through wx-server-sdk', () => {
  test('_.inc and _.mul change numbers', async () => {
    await doc().update({ data: { n: t._.inc(2), fresh: t._.inc(1) } })
    expect(await read()).toMatchObject({ n: 7, fresh: 1 })
    await doc().update({ data: { n: t._.mul(3) } })
    expect((await read()).n).toBe(21)
  })

  test('_.set replaces a whole nested object while plain nested data merges', async () => {
    await doc().update({ data: { profile: t._.set({ name: 'y' }) } })
    expect((await read()).profile).toEqual({ name: 'y' })
  })

  test('_.remove deletes a field', async () => {
    await doc().update({ data: { s: t._.remove(), 'profile.dept': t._.remove() } })
    const data = await read()
    expect(data).not.toHaveProperty('s')
    expect(data.profile).toEqual({ name: 'x' })
  })

  test('_.push, _.unshift, _.pop and _.shift edit arrays', async () => {
    await doc().update({ data: { tags: t._.push(['c', 'd']) } })
    expect((await read()).tags).toEqual(['a', 'b', 'c', 'd'])
    await doc().update({ data: { tags: t._.unshift(['z']) } })
    expect((await read()).tags).toEqual(['z', 'a', 'b', 'c', 'd'])
    await doc().update({ data: { tags: t._.pop() } })
    await doc().update({ data: { list: t._.shift() } })
    const data = await read()
    expect(data.tags).toEqual(['z', 'a', 'b', 'c'])
    expect(data.list).toEqual([2, 3])
  })

  test('_.addToSet adds only missing values; _.pull and _.pullAll remove values', async () => {
    await doc().update({ data: { tags: t._.addToSet('a') } })
    expect((await read()).tags).toEqual(['a', 'b'])
    await doc().update({ data: { tags: t._.addToSet('c') } })
    expect((await read()).tags).toEqual(['a', 'b', 'c'])
    await doc().update({ data: { tags: t._.pull('b'), list: t._.pullAll([1, 3]) } })
    const data = await read()
    expect(data.tags).toEqual(['a', 'c'])
    expect(data.list).toEqual([2])
  })

  test('_.min and _.max keep the smaller / larger value', async () => {
    await doc().update({ data: { n: t._.max(3) } })
    expect((await read()).n).toBe(5)
    await doc().update({ data: { n: t._.min(3) } })
    expect((await read()).n).toBe(3)
  })

  test('a dot-path key updates one nested field', async () => {
    await doc().update({ data: { 'profile.dept': 'it', 'deep.new.field': 1 } })
    const data = await read()
    expect(data.profile).toEqual({ name: 'x', dept: 'it' })
    expect(data.deep).toEqual({ new: { field: 1 } })
  })

  test('an update that changes nothing reports updated: 0', async () => {
    const res = await doc().update({ data: { n: 5 } })
    expect(res.stats.updated).toBe(0)
  })
})

describe('updates MongoDB/CloudBase reject (mingo alone would silently accept)', () => {
  test('_.inc on a string field fails and leaves the document unchanged', async () => {
    const err = await failureOf(doc().update({ data: { s: t._.inc(1) } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/\$inc/)
    expect((await read()).s).toBe('text')
  })

  test("setting 'a.b' when a is a number fails", async () => {
    const err = await failureOf(doc().update({ data: { 'n.sub': 1 } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/cannot create field 'sub'/)
    expect((await read()).n).toBe(5)
  })

  test('_.push onto a non-array fails', async () => {
    const err = await failureOf(doc().update({ data: { s: t._.push(['x']) } }))
    expect(err.errCode).toBe(-502001)
    expect((await read()).s).toBe('text')
  })

  test('a multi-document update that fails on one document changes none', async () => {
    await t.db.collection('docs').add({
      data: [
        { _id: 'm1', g: 1, v: 1 },
        { _id: 'm2', g: 1, v: 'str' },
      ],
    })
    await failureOf(
      t.db
        .collection('docs')
        .where({ g: 1 })
        .update({ data: { v: t._.inc(1) } }),
    )
    expect((await t.db.collection('docs').doc('m1').get()).data.v).toBe(1)
  })
})
