import { failureOf, startForTest, type TestEmulator, SETUP_TIMEOUT } from './helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startForTest()
}, SETUP_TIMEOUT)
afterAll(() => t.close())
beforeEach(async () => {
  t.emulator.store.reset()
  t.emulator.clock.setOffset(0)
  await t.db.createCollection('acc')
  await t.db.collection('acc').add({
    data: [
      { _id: 'a', n: 10 },
      { _id: 'b', n: 0 },
    ],
  })
}, SETUP_TIMEOUT)

const get = async (id: string) => (await t.db.collection('acc').doc(id).get()).data

/** Application-level retry, as production code must do (the SDK does not retry conflicts it reports as -501001). */
async function withRetry<T>(fn: () => Promise<T>, attempts = 200): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (err) {
      if (i >= attempts || !/conflict/i.test(String((err as any)?.errMsg ?? err))) throw err
      await new Promise((r) => setTimeout(r, Math.random() * 5))
    }
  }
}

describe('transactions through wx-server-sdk', () => {
  test('runTransaction commits all writes together and returns the callback result', async () => {
    const out = await t.db.runTransaction(async (tx: any) => {
      const a = (await tx.collection('acc').doc('a').get()).data
      await tx
        .collection('acc')
        .doc('a')
        .update({ data: { n: a.n - 3 } })
      await tx
        .collection('acc')
        .doc('b')
        .update({ data: { n: t._.inc(3) } })
      await tx.collection('acc').add({ data: { _id: 'log1', moved: 3 } })
      return 'moved'
    })
    expect(out).toBe('moved')
    expect((await get('a')).n).toBe(7)
    expect((await get('b')).n).toBe(3)
    expect((await get('log1')).moved).toBe(3)
  })

  test('a transaction reads its own writes; others do not see them before commit', async () => {
    const tx = await t.db.startTransaction()
    await tx
      .collection('acc')
      .doc('a')
      .update({ data: { n: 99 } })
    await tx
      .collection('acc')
      .doc('c')
      .set({ data: { n: 1 } })
    expect((await tx.collection('acc').doc('a').get()).data.n).toBe(99)
    expect((await tx.collection('acc').doc('c').get()).data.n).toBe(1)
    expect((await get('a')).n).toBe(10)
    expect((await t.db.collection('acc').where({ _id: 'c' }).get()).data).toEqual([])
    await tx.commit()
    expect((await get('a')).n).toBe(99)
    expect((await get('c')).n).toBe(1)
  })

  test('snapshot reads: a transaction keeps seeing the data as of its start', async () => {
    const tx = await t.db.startTransaction()
    expect((await tx.collection('acc').doc('b').get()).data.n).toBe(0)
    await t.db
      .collection('acc')
      .doc('b')
      .update({ data: { n: 50 } })
    await t.db.collection('acc').doc('a').remove()
    expect((await tx.collection('acc').doc('b').get()).data.n).toBe(0)
    expect((await tx.collection('acc').doc('a').get()).data.n).toBe(10)
    await tx.rollback()
  })

  test('rollback discards every write', async () => {
    const tx = await t.db.startTransaction()
    await tx
      .collection('acc')
      .doc('a')
      .update({ data: { n: 1 } })
    await tx.collection('acc').doc('b').remove()
    await tx.collection('acc').add({ data: { _id: 'z' } })
    await tx.rollback()
    expect((await get('a')).n).toBe(10)
    expect((await get('b')).n).toBe(0)
    expect((await t.db.collection('acc').count()).total).toBe(2)
  })

  test('runTransaction rejects with the rollback reason and writes nothing', async () => {
    const err = await failureOf(
      t.db.runTransaction(async (tx: any) => {
        await tx
          .collection('acc')
          .doc('a')
          .update({ data: { n: 0 } })
        await tx.rollback('insufficient')
      }),
    )
    expect(err).toBe('insufficient')
    expect((await get('a')).n).toBe(10)
  })

  test('a write to a document another open transaction wrote fails with a conflict (first writer wins)', async () => {
    const first = await t.db.startTransaction()
    const second = await t.db.startTransaction()
    await first
      .collection('acc')
      .doc('a')
      .update({ data: { n: 1 } })
    const err = await failureOf(
      second
        .collection('acc')
        .doc('a')
        .update({ data: { n: 2 } }),
    )
    expect(err.errMsg).toMatch(/conflict/)
    await second.rollback()
    await first.commit()
    expect((await get('a')).n).toBe(1)
  })

  test('a write to a document changed after the transaction started fails with a conflict', async () => {
    const tx = await t.db.startTransaction()
    await t.db
      .collection('acc')
      .doc('a')
      .update({ data: { n: 11 } })
    const err = await failureOf(
      tx
        .collection('acc')
        .doc('a')
        .update({ data: { n: 12 } }),
    )
    expect(err.errMsg).toMatch(/conflict/)
    await tx.rollback()
    expect((await get('a')).n).toBe(11)
  })

  test('commit fails whole when a plain write changed a document the transaction wrote', async () => {
    const tx = await t.db.startTransaction()
    await tx
      .collection('acc')
      .doc('a')
      .update({ data: { n: 1 } })
    await tx
      .collection('acc')
      .doc('b')
      .update({ data: { n: 1 } })
    await t.db
      .collection('acc')
      .doc('a')
      .update({ data: { n: 77 } })
    await failureOf(tx.commit())
    expect((await get('a')).n).toBe(77)
    expect((await get('b')).n).toBe(0)
  })

  test('where() queries are rejected inside a transaction (single-document operations only)', async () => {
    const err = await failureOf(
      t.db.runTransaction(async (tx: any) => {
        await tx.collection('acc').where({ n: 10 }).get()
      }),
    )
    expect(err.errCode).toBe(-501007)
    expect(err.errMsg).toMatch(/single-document/)
  })

  test('add of an existing _id inside a transaction fails as a duplicate', async () => {
    const err = await failureOf(
      t.db.runTransaction(async (tx: any) => {
        await tx.collection('acc').add({ data: { _id: 'a' } })
      }),
    )
    expect(String(err.errMsg)).toMatch(/duplicate/i)
  })

  test('an open transaction expires after 30 s of emulator time and its id is then refused', async () => {
    const tx = await t.db.startTransaction()
    await tx
      .collection('acc')
      .doc('a')
      .update({ data: { n: 1 } })
    t.emulator.clock.setOffset(31_000)
    await failureOf(tx.commit())
    expect((await get('a')).n).toBe(10)
    // its lock is gone: another transaction can write the document
    await t.db.runTransaction(async (tx2: any) => {
      await tx2
        .collection('acc')
        .doc('a')
        .update({ data: { n: 2 } })
    })
    expect((await get('a')).n).toBe(2)
  })

  test('an unknown transaction id is answered with a clean error', async () => {
    const res = await fetch(`${t.emulator.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.commitTransaction', transactionId: 'no-such-tx' }),
    })
    const body = await res.json()
    expect(res.status).toBe(200)
    expect(body.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(body.message).toMatch(/no-such-tx/)
  })

  test('30 parallel read-modify-write transactions on one document lose no update', async () => {
    await t.db.collection('acc').add({ data: { _id: 'counter', n: 0 } })
    await Promise.all(
      Array.from({ length: 30 }, () =>
        withRetry(() =>
          t.db.runTransaction(async (tx: any) => {
            const cur = (await tx.collection('acc').doc('counter').get()).data.n
            await tx
              .collection('acc')
              .doc('counter')
              .update({ data: { n: cur + 1 } })
          }),
        ),
      ),
    )
    expect((await get('counter')).n).toBe(30)
  })

  test('a capped counter never over-commits under 50 parallel reservations (exactly cap succeed)', async () => {
    const cap = 7
    await t.db.collection('acc').add({ data: { _id: 'quota', used: 0, cap } })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withRetry(() =>
          t.db.runTransaction(async (tx: any) => {
            const q = (await tx.collection('acc').doc('quota').get()).data
            if (q.used >= q.cap) return 'full'
            await tx
              .collection('acc')
              .doc('quota')
              .update({ data: { used: t._.inc(1) } })
            await tx.collection('acc').add({ data: { _id: `res-${i}`, kind: 'reservation' } })
            return 'ok'
          }),
        ),
      ),
    )
    expect(results.filter((r) => r === 'ok')).toHaveLength(cap)
    expect((await get('quota')).used).toBe(cap)
    expect((await t.db.collection('acc').where({ kind: 'reservation' }).count()).total).toBe(cap)
  })
})
