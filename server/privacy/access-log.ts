// The access log: every view of another person's health data or attachments (reviewer detail with its attachment
// temp URLs, HR export, the member's own export), who / when / what. Members read their own entries ("who viewed
// my data"); it holds ids and names, never health values.
import { insert, type Db } from '../sdk'

export const ACCESS_LOG = 'access_log'

/**
 * The subject of an entry about every member of the company: an HR export of a date range is one entry, shown to
 * each member (their rows may be in it), not one per member (an export can hold a whole company's year).
 */
export const EVERY_MEMBER = '*'

export interface AccessLogDoc {
  _id?: string
  companyId: string
  /** the member whose data was viewed, or EVERY_MEMBER */
  subject: string
  viewer: { id: string; name: string }
  /** what was viewed, e.g. 'makeup:<request id>' or 'export' */
  what: string
  at: Date
}

export interface AccessEntry {
  companyId: string
  viewer: { id: string; name: string }
  subject: string
  what: string
  at?: Date
}

export async function recordAccess(db: Db, entry: AccessEntry): Promise<void> {
  await insert<AccessLogDoc>(db, ACCESS_LOG, { ...entry, at: entry.at ?? new Date() })
}

/** Several entries in one round trip (a page of the review queue: one entry per request shown). */
export async function recordAccesses(db: Db, entries: AccessEntry[]): Promise<void> {
  if (entries.length === 0) return
  const docs: AccessLogDoc[] = entries.map((e) => ({ ...e, at: e.at ?? new Date() }))
  await db.collection(ACCESS_LOG).add({ data: docs as unknown as object })
}

export async function accessesOf(
  db: Db,
  companyId: string,
  subject: string,
  limit = 50,
): Promise<AccessLogDoc[]> {
  const res = await db
    .collection(ACCESS_LOG)
    .where({ companyId, subject: db.command.in([subject, EVERY_MEMBER]) })
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return res.data as AccessLogDoc[]
}
