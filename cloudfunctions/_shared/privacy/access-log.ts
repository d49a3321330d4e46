// The access log: every view of another person's health data or attachments (reviewer detail, export), who / when /
// what. Members read their own entries ("who viewed my data"); it holds ids and names, never health values.
import { insert, type Db } from '../sdk'

export const ACCESS_LOG = 'access_log'

export interface AccessLogDoc {
  _id?: string
  companyId: string
  /** the member whose data was viewed */
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

export async function accessesOf(
  db: Db,
  companyId: string,
  subject: string,
  limit = 50,
): Promise<AccessLogDoc[]> {
  const res = await db
    .collection(ACCESS_LOG)
    .where({ companyId, subject })
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return res.data as AccessLogDoc[]
}
