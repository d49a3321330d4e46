// Keyset paging on (a date field, _id): each page starts strictly after the last item of the page before, so any
// page is one indexed range read, however deep (no skip). The cursor the app gets back is '<epoch ms>.<_id>'.
import type { Command, Db } from './sdk'

interface RangeCommand extends Command {
  gt(v: unknown): unknown
  lt(v: unknown): unknown
  eq(v: unknown): unknown
  or(conds: object[]): unknown
}

export type Order = 'asc' | 'desc'

export const cursorOf = (at: Date, id: string): string => `${at.getTime()}.${id}`

function parseCursor(cursor: string): { at: Date; id: string } {
  const dot = cursor.indexOf('.')
  return { at: new Date(Number(cursor.slice(0, dot))), id: cursor.slice(dot + 1) }
}

/** `where` narrowed to the items after the cursor in (key, _id) order; `where` itself without a cursor. */
export function afterCursor(db: Db, where: object, key: string, order: Order, cursor?: string): object {
  if (!cursor) return where
  const _ = db.command as RangeCommand
  const { at, id } = parseCursor(cursor)
  const beyond = (v: unknown) => (order === 'asc' ? _.gt(v) : _.lt(v))
  return _.and(where, _.or([{ [key]: beyond(at) }, { [key]: _.eq(at), _id: beyond(id) }])) as object
}

/** One page of `collection` in (key, _id) order after the cursor, and the cursor of the next page (null: none). */
export async function keysetPage<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: object,
  key: keyof T & string,
  order: Order,
  cursor: string | undefined,
  limit: number,
): Promise<{ docs: T[]; next: string | null }> {
  const res = await db
    .collection(collection)
    .where(afterCursor(db, where, key, order, cursor))
    .orderBy(key, order)
    .orderBy('_id', order)
    .limit(limit + 1)
    .get()
  const docs = res.data as T[]
  const page = docs.slice(0, limit)
  const last = page[page.length - 1]
  return { docs: page, next: docs.length > limit ? cursorOf(last[key] as Date, last._id) : null }
}
