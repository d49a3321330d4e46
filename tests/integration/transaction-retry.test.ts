// The retry policy around transactions, with a stand-in database handle (the real SDK and emulator cover the
// happy and racing paths in races.test.ts; here the failure modes are forced).
import { DomainError } from '@core/shared'
import { withTransaction, type Db, type DocStore } from '@server/sdk'

function dbFailing(failures: unknown[]): { db: Db; attempts: () => number } {
  let n = 0
  const db = {
    runTransaction: async <T>(body: (tx: DocStore) => Promise<T>, times?: number) => {
      expect(times).toBe(0) // the SDK must not retry on its own: we do, with back-off
      const failure = failures[n++]
      if (failure !== undefined) throw failure
      return body({} as DocStore)
    },
  } as unknown as Db
  return { db, attempts: () => n }
}

const conflict = Object.assign(new Error('document.update:fail -501001 resource system error'), {
  errCode: -501001,
})

describe('withTransaction', () => {
  it('retries conflicts and returns the first success', async () => {
    const { db, attempts } = dbFailing([conflict, conflict])
    await expect(withTransaction(db, async () => 'done')).resolves.toBe('done')
    expect(attempts()).toBe(3)
  })

  it('gives up after 8 attempts with BUSY_RETRY', async () => {
    const { db, attempts } = dbFailing(Array(20).fill(conflict))
    await expect(withTransaction(db, async () => 'never')).rejects.toMatchObject({ code: 'BUSY_RETRY' })
    expect(attempts()).toBe(8)
  })

  it('does not retry a domain refusal or a permanent error', async () => {
    const refusal = new DomainError('QUOTA_EXHAUSTED')
    const a = dbFailing([refusal])
    await expect(withTransaction(a.db, async () => 'x')).rejects.toBe(refusal)
    expect(a.attempts()).toBe(1)
    const invalid = Object.assign(new Error('invalid'), { errCode: -501007 })
    const b = dbFailing([invalid])
    await expect(withTransaction(b.db, async () => 'x')).rejects.toBe(invalid)
    expect(b.attempts()).toBe(1)
  })
})
