// `database.*` admin actions: decode what wx-server-sdk sends, call the store, answer in the shapes the SDK reads
// (FIELD-NOTES, "What the SDK needs back").
import { EJSON } from 'bson'
import { WireError, type ActionHandler } from '../wire'
import type { QueryLogEntry, QueryPlan, Store } from '../store'
import { isPlainObject, parseWire, type Doc } from '../store/ejson'

export type { QueryLogEntry } from '../store'

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

export function databaseActions(
  store: Store,
  opts: { log?: (e: QueryLogEntry) => void } = {},
): Record<string, ActionHandler> {
  const now = () => store.now()
  const record = (action: string, body: Record<string, any>, query: unknown, plan?: QueryPlan) => {
    const entry: QueryLogEntry = { action, collection: body.collectionName }
    if (query !== undefined) entry.query = EJSON.serialize(query, { relaxed: true })
    if (body.transactionId) entry.transactionId = body.transactionId
    if (plan) Object.assign(entry, plan)
    store.logQuery(entry)
    opts.log?.(entry)
  }
  const criteriaOf = (body: Record<string, any>): Doc => {
    if (body.query === undefined || body.query === null || body.query === '') return {}
    const q = parseWire(body.query, 'query', now)
    if (!isPlainObject(q)) throw new WireError('INVALID_PARAM', 'query must be an object')
    return q
  }
  const byId = (body: Record<string, any>, criteria: Doc): boolean => {
    const type = body.queryType ?? 'WHERE'
    if (type !== 'WHERE' && type !== 'DOC')
      throw new WireError('INVALID_PARAM', `unknown queryType ${String(type)}`)
    if (type === 'DOC' && criteria._id === undefined)
      throw new WireError('INVALID_PARAM', 'a DOC query needs an _id')
    return type === 'DOC'
  }
  const txnOf = (body: Record<string, any>): string | undefined =>
    body.transactionId === undefined || body.transactionId === null || body.transactionId === ''
      ? undefined
      : body.transactionId

  return {
    'database.getDocument': (body) => {
      const criteria = criteriaOf(body)
      const projection = body.projection ? objectParam(body.projection, 'projection', now) : undefined
      if (byId(body, criteria)) {
        const { list, plan } = store.findById(body.collectionName, criteria._id, projection, txnOf(body))
        record('database.getDocument', body, criteria, plan)
        return { data: { list, offset: 0, limit: 1 } }
      }
      const limit = Math.min(intParam(body.limit, 'limit', DEFAULT_LIMIT), MAX_LIMIT)
      const offset = intParam(body.offset ?? body.skip, 'offset', 0)
      const order = body.order ? orderParam(parseWire(body.order, 'order', now)) : undefined
      const { list, plan } = store.find(
        body.collectionName,
        criteria,
        { order, offset, limit, projection },
        txnOf(body),
      )
      record('database.getDocument', body, criteria, plan)
      return { data: { list, offset, limit } }
    },

    'database.calculateDocument': (body) => {
      const criteria = criteriaOf(body)
      const { total, plan } = store.count(body.collectionName, criteria)
      record('database.calculateDocument', body, criteria, plan)
      return { data: { total } }
    },

    'database.insertDocument': (body) => {
      const raw = Array.isArray(body.data) ? body.data : [body.data]
      // Every document is decoded before anything is written: one bad document inserts none.
      const docs = raw.map((d: unknown, i: number) => {
        const doc = typeof d === 'string' ? parseWire(d, `data[${i}]`, now) : d
        if (!isPlainObject(doc)) throw new WireError('INVALID_PARAM', `data[${i}] must be a document`)
        return doc
      })
      const insertedIds = store.insert(body.collectionName, docs, txnOf(body))
      record('database.insertDocument', body, undefined)
      return { data: { insertedIds } }
    },

    'database.modifyDocument': (body) => {
      const criteria = criteriaOf(body)
      const doc = byId(body, criteria)
      const data = objectParam(body.data, 'data', now)
      const { updated, upsertId, plan } = store.modify(
        body.collectionName,
        criteria,
        doc,
        data,
        {
          merge: body.merge !== false,
          multi: doc ? false : body.multi !== false,
          upsert: body.upsert === true,
        },
        txnOf(body),
      )
      record('database.modifyDocument', body, criteria, plan)
      return { data: upsertId === undefined ? { updated } : { updated, upsert_id: upsertId } }
    },

    'database.removeDocument': (body) => {
      const criteria = criteriaOf(body)
      const doc = byId(body, criteria)
      const { deleted, plan } = store.remove(
        body.collectionName,
        criteria,
        doc,
        doc ? false : body.multi !== false,
        txnOf(body),
      )
      record('database.removeDocument', body, criteria, plan)
      return { data: { deleted } }
    },

    'database.aggregateDocuments': (body) => {
      if (!Array.isArray(body.stages)) throw new WireError('INVALID_PARAM', 'stages must be an array')
      const pipeline = body.stages.map((s: any, i: number) => {
        if (typeof s?.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
          throw new WireError('INVALID_PARAM', `stages[${i}] needs a stageKey like "$match"`)
        }
        return { [s.stageKey]: parseWire(s.stageValue, `stages[${i}]`, now) }
      })
      const { list, plan } = store.aggregate(body.collectionName, pipeline)
      record('database.aggregateDocuments', body, pipeline, plan)
      return { data: { list } }
    },

    'database.addCollection': (body) => {
      store.createCollection(body.collectionName)
      record('database.addCollection', body, undefined)
      return {}
    },

    'database.startTransaction': (body) => {
      const transactionId = store.startTransaction()
      record('database.startTransaction', { ...body, transactionId }, undefined)
      // top level of the body: the SDK reads `res.transactionId`
      return { transactionId }
    },

    'database.commitTransaction': (body) => {
      store.commitTransaction(body.transactionId)
      record('database.commitTransaction', body, undefined)
      return {}
    },

    'database.abortTransaction': (body) => {
      store.abortTransaction(body.transactionId)
      record('database.abortTransaction', body, undefined)
      return {}
    },
  }
}

function intParam(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new WireError('INVALID_PARAM', `${name} must be a non-negative integer`)
  }
  return name === 'limit' && v === 0 ? fallback : v
}

function objectParam(v: unknown, name: string, now: () => Date): Doc {
  const value = typeof v === 'string' ? parseWire(v, name, now) : v
  if (!isPlainObject(value)) throw new WireError('INVALID_PARAM', `${name} must be an object`)
  return value
}

/** `{field: 1 | -1}` (what the SDK sends) or `[{field, direction}]`. */
function orderParam(v: unknown): Record<string, 1 | -1> {
  const out: Record<string, 1 | -1> = {}
  const add = (field: unknown, dir: unknown) => {
    if (typeof field !== 'string' || !field) throw new WireError('INVALID_PARAM', 'order needs field names')
    const d = dir === 'desc' || dir === -1 ? -1 : dir === 'asc' || dir === 1 ? 1 : 0
    if (!d) throw new WireError('INVALID_PARAM', `order direction for ${field} must be 1/-1 or asc/desc`)
    out[field] = d
  }
  if (Array.isArray(v)) for (const o of v) add(o?.field, o?.direction)
  else if (isPlainObject(v)) for (const [k, d] of Object.entries(v)) add(k, d)
  else throw new WireError('INVALID_PARAM', 'order must be an object')
  return out
}
