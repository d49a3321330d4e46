import { failureOf, startForTest, type TestEmulator, SETUP_TIMEOUT } from './helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startForTest()
}, SETUP_TIMEOUT)
afterAll(() => t.close())
beforeEach(async () => {
  t.emulator.store.reset()
  await t.db.createCollection('things')
  await t.db.collection('things').add({ data: { _id: 'keep', v: 1 } })
}, SETUP_TIMEOUT)

/** Posts a hand-made admin request, as a misbehaving client would. */
async function admin(body: unknown): Promise<any> {
  const res = await fetch(`${t.emulator.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(res.status).toBe(200) // any other status would become -501001 in the SDK
  return res.json()
}

const count = async () => (await t.db.collection('things').count()).total

describe('errors the SDK turns into clean errCodes', () => {
  test('a query on a collection that does not exist fails with -502005', async () => {
    const err = await failureOf(t.db.collection('missing').where({ a: 1 }).get())
    expect(err.errCode).toBe(-502005)
    expect(err.errMsg).toMatch(/collection\.get:fail -502005/)
  })

  test('an insert into a collection that does not exist fails (no implicit creation)', async () => {
    const err = await failureOf(t.db.collection('missing').add({ data: { a: 1 } }))
    expect(err.errCode).toBe(-502005)
    await failureOf(t.db.collection('missing').doc('x').get())
  })

  test('an invalid collection name fails with -501007', async () => {
    const err = await failureOf(t.db.collection('bad name!').where({}).get())
    expect(err.errCode).toBe(-501007)
  })

  test('an oversize document is refused and nothing is written', async () => {
    const big = 'x'.repeat(600 * 1024)
    const err = await failureOf(t.db.collection('things').add({ data: { big } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/too large/)
    await failureOf(t.db.collection('things').add({ data: [{ _id: 'small' }, { big }] }))
    expect(await count()).toBe(1)
  })

  test('an update that would make a document oversize is refused', async () => {
    await failureOf(
      t.db
        .collection('things')
        .doc('keep')
        .update({ data: { big: 'y'.repeat(600 * 1024) } }),
    )
    expect((await t.db.collection('things').doc('keep').get()).data).toEqual({ _id: 'keep', v: 1 })
  })

  test('an unknown query operator is refused with -502002', async () => {
    const body = await admin({
      action: 'database.getDocument',
      collectionName: 'things',
      queryType: 'WHERE',
      query: '{"v":{"$frobnicate":1}}',
      limit: 10,
    })
    expect(body.code).toBe('DATABASE_INVALID_OPERRATOR')
  })

  test('an unknown update operator is refused and writes nothing', async () => {
    const body = await admin({
      action: 'database.modifyDocument',
      collectionName: 'things',
      queryType: 'DOC',
      query: '{"_id":"keep"}',
      data: '{"$explode":{"v":1}}',
      multi: false,
      merge: true,
    })
    expect(body.code).toBe('DATABASE_INVALID_OPERRATOR')
    expect((await t.db.collection('things').doc('keep').get()).data.v).toBe(1)
  })

  test('malformed EJSON is answered INVALID_PARAM; a batch with one bad document inserts none', async () => {
    const bad = await admin({
      action: 'database.getDocument',
      collectionName: 'things',
      query: '{"v":',
      limit: 1,
    })
    expect(bad.code).toBe('INVALID_PARAM')
    const date = await admin({
      action: 'database.getDocument',
      collectionName: 'things',
      query: '{"v":{"$date":"nope"}}',
    })
    expect(date.code).toBe('INVALID_PARAM')
    const batch = await admin({
      action: 'database.insertDocument',
      collectionName: 'things',
      data: ['{"_id":"ok1"}', '{"_id": oops}'],
    })
    expect(batch.code).toBe('INVALID_PARAM')
    expect(await count()).toBe(1)
  })

  test('a malformed JSON body and an unknown action get error bodies, not crashes', async () => {
    expect((await admin('{not json')).code).toBe('INVALID_PARAM')
    expect((await admin({ action: 'database.explode' })).code).toBe('INVALID_ACTION')
    expect((await admin({ action: 'database.getDocument', collectionName: 'things', limit: -5 })).code).toBe(
      'INVALID_PARAM',
    )
    expect(
      (await admin({ action: 'database.getDocument', collectionName: 'things', queryType: 'NOPE' })).code,
    ).toBe('INVALID_PARAM')
    // and the emulator still answers normally
    expect((await t.db.collection('things').doc('keep').get()).data.v).toBe(1)
  })

  test('an invalid regular expression is refused with INVALID_PARAM', async () => {
    const body = await admin({
      action: 'database.getDocument',
      collectionName: 'things',
      query: '{"v":{"$regularExpression":{"pattern":"(","options":""}}}',
    })
    expect(body.code).toBe('INVALID_PARAM')
  })

  test('aggregation stages that would write ($out, $merge) are refused', async () => {
    const body = await admin({
      action: 'database.aggregateDocuments',
      collectionName: 'things',
      stages: [{ stageKey: '$out', stageValue: '"copy"' }],
    })
    expect(body.code).toBe('DATABASE_INVALID_OPERRATOR')
  })

  test('a non-string _id is refused', async () => {
    const body = await admin({
      action: 'database.insertDocument',
      collectionName: 'things',
      data: ['{"_id":{"$numberInt":"5"}}'],
    })
    expect(body.code).toBe('INVALID_PARAM')
  })
})
