// Transaction bookkeeping: snapshot isolation over single-document operations.
//
// - Snapshot: a transaction started at sequence number S reads each document as it was at S. While any
//   transaction is open, every committed write records the document's previous text (its "before image"), so the
//   value at S is the before image of the first write after S, or the current row if there is none.
// - Conflicts, first writer wins: a transactional write to a document fails with DATABASE_TRANSACTION_CONFLICT
//   when another open transaction already wrote it, or when a write committed after S changed it. Commit re-checks
//   the second rule (a plain, non-transactional write may have landed meanwhile) and fails whole if it trips.
// - Open transactions expire TTL ms (emulator clock) after they started; their locks are released then.
import { randomUUID } from 'node:crypto'
import { WireError } from '../wire'

export interface PendingWrite {
  collection: string
  id: string
  /** document text after the write; null = deleted */
  after: string | null
}

export interface Txn {
  id: string
  startSeq: number
  startedAt: number
  writes: Map<string, PendingWrite>
}

export const docKey = (collection: string, id: string) => `${collection}\u0000${id}`

export class Transactions {
  private readonly open = new Map<string, Txn>()
  private readonly locks = new Map<string, string>()
  private readonly lastWrite = new Map<string, number>()
  private readonly history = new Map<string, { seq: number; before: string | null }[]>()
  private seq = 0

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = 30_000,
  ) {}

  start(): Txn {
    this.sweep()
    const txn: Txn = {
      id: randomUUID(),
      startSeq: this.seq,
      startedAt: this.now().getTime(),
      writes: new Map(),
    }
    this.open.set(txn.id, txn)
    return txn
  }

  get(id: unknown): Txn {
    this.sweep()
    const txn = typeof id === 'string' ? this.open.get(id) : undefined
    if (!txn) {
      throw new WireError(
        'DATABASE_TRANSACTION_FAIL',
        `transaction ${String(id)} does not exist, has ended or has expired`,
      )
    }
    return txn
  }

  /** Called for every committed write batch, transactional or not. */
  recordCommitted(writes: { key: string; before: string | null }[]): void {
    this.seq++
    if (!this.open.size) return
    for (const { key, before } of writes) {
      this.lastWrite.set(key, this.seq)
      const h = this.history.get(key)
      if (h) h.push({ seq: this.seq, before })
      else this.history.set(key, [{ seq: this.seq, before }])
    }
  }

  /** The document text as the transaction sees it: its own write, else the snapshot. `undefined` = not written. */
  read(txn: Txn, key: string, current: () => string | null): string | null {
    const own = txn.writes.get(key)
    if (own) return own.after
    const h = this.history.get(key)
    if (h) for (const entry of h) if (entry.seq > txn.startSeq) return entry.before
    return current()
  }

  /** Claims the document for a write, or raises the conflict CloudBase raises. */
  claim(txn: Txn, key: string): void {
    this.sweep()
    const holder = this.locks.get(key)
    if (holder && holder !== txn.id) {
      throw new WireError(
        'DATABASE_TRANSACTION_CONFLICT',
        'write conflict: another open transaction has written this document',
      )
    }
    if ((this.lastWrite.get(key) ?? -1) > txn.startSeq) {
      throw new WireError(
        'DATABASE_TRANSACTION_CONFLICT',
        'write conflict: the document changed after the transaction started',
      )
    }
    this.locks.set(key, txn.id)
  }

  assertCommittable(txn: Txn): void {
    for (const key of txn.writes.keys()) {
      if ((this.lastWrite.get(key) ?? -1) > txn.startSeq) {
        throw new WireError(
          'DATABASE_TRANSACTION_CONFLICT',
          'write conflict: a document changed after the transaction started',
        )
      }
    }
  }

  end(txn: Txn): void {
    this.open.delete(txn.id)
    for (const [key, holder] of this.locks) if (holder === txn.id) this.locks.delete(key)
    this.prune()
  }

  openCount(): number {
    return this.open.size
  }

  private sweep(): void {
    const t = this.now().getTime()
    for (const txn of this.open.values()) if (t - txn.startedAt > this.ttlMs) this.end(txn)
  }

  /** Forget history no open transaction can still need. */
  private prune(): void {
    if (!this.open.size) {
      this.lastWrite.clear()
      this.history.clear()
      return
    }
    const oldest = Math.min(...[...this.open.values()].map((t) => t.startSeq))
    for (const [key, h] of this.history) {
      const keep = h.filter((e) => e.seq > oldest)
      if (keep.length) this.history.set(key, keep)
      else this.history.delete(key)
    }
    for (const [key, seq] of this.lastWrite) if (seq <= oldest) this.lastWrite.delete(key)
  }

  /** Everything is gone (store reset): so are open transactions. */
  clear(): void {
    this.open.clear()
    this.locks.clear()
    this.prune()
  }
}
