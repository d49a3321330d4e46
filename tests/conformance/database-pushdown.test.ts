// Property check of the pushdown rule "SQL only pre-selects, mingo decides": for random documents of mixed types
// and random equality/range/$in/$ne/$or queries, a store with declared indexes answers exactly like one without —
// the same documents, counts, and for sorted reads (find and aggregate) the same documents in the same order.
// (Engine-level on purpose: thousands of query/document combinations, which the SDK suites sample by hand.)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { EJSON } from 'bson'
import { openStore } from '@emulator/store'
import { collectionsFile } from './helpers/emulator'

const now = () => new Date('2026-11-28T00:00:00Z')
const indexed = openStore({
  dataDir: null,
  now,
  collectionsFile: collectionsFile({
    c: {
      indexes: [
        { name: 'by_a_b', keys: { a: 1, 'b.c': -1 } },
        { name: 'by_bc', keys: { 'b.c': 1 } },
      ],
    },
  }),
})
const plain = openStore({ dataDir: null, now, collectionsFile: collectionsFile({ c: {} }) })
afterAll(() => {
  indexed.close()
  plain.close()
})

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -1.5, 2.0),
  fc.constantFrom('', '1', 'a', 'b', 'ab', 'B'),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    new Date(0),
    new Date('2026-11-01T00:00:00Z'),
    new Date('2026-11-01T00:00:00.123Z'),
    new Date('1960-01-01T00:00:00Z'),
  ),
)
const id = fc.constantFrom('d0', 'd3', 'd10', 'd7')
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 })
// Half the runs store no arrays at all, so the indexes stay pushable; the other half mix arrays in.
const docs = fc.boolean().chain((withArrays) => {
  const value = withArrays ? fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })) : scalar
  return fc.array(
    fc.record({ a: maybe(value), b: maybe(fc.oneof(fc.record({ c: maybe(value) }), scalar)) }),
    {
      maxLength: 25,
    },
  )
})

const cond = fc.oneof(
  scalar,
  fc.record({ $eq: scalar }),
  fc.record({ $in: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
  fc.record({ $gt: scalar }),
  fc.record({ $gte: scalar }),
  fc.record({ $lt: scalar }),
  fc.record({ $lte: scalar }),
  fc.record({ $gte: scalar, $lt: scalar }),
  fc.record({ $ne: scalar }),
)
const query = fc.oneof(
  fc.record({ a: cond }),
  fc.record({ 'b.c': cond }),
  fc.record({ a: cond, 'b.c': cond }),
  fc.record({ $and: fc.tuple(fc.record({ a: cond }), fc.record({ 'b.c': cond })) }),
  fc.record({
    $or: fc.tuple(fc.record({ a: cond }), fc.record({ 'b.c': cond, _id: fc.record({ $gt: id }) })),
  }),
)

const strip = (d: Record<string, unknown>, i: number) => {
  const out: Record<string, unknown> = { _id: `d${i}` }
  for (const [k, v] of Object.entries(d)) if (v !== undefined) out[k] = v
  return out
}
// the store imports EJSON (dates as {$date}); this also drops fast-check's null prototypes, which the wire never has
const asEjson = (docs: object[]) => EJSON.serialize(docs, { relaxed: true }) as unknown as object[]
const ids = (list: string[]) => list.map((t) => JSON.parse(t)._id).sort()

test('indexed and unindexed stores return the same documents for any query', () => {
  fc.assert(
    fc.property(docs, fc.array(query, { minLength: 1, maxLength: 5 }), (generated, queries) => {
      const data = { c: asEjson(generated.map(strip)) }
      indexed.reset(data)
      plain.reset(data)
      for (const q of structuredClone(queries)) {
        const got = indexed.find('c', q, { limit: 1000 })
        const want = plain.find('c', q, { limit: 1000 })
        expect(ids(got.list)).toEqual(ids(want.list))
        expect(indexed.count('c', q).total).toBe(want.list.length)
      }
    }),
    { numRuns: 300 },
  )
})

test('the pushdown is really used when the indexed paths hold no arrays', () => {
  indexed.reset({
    c: [
      { _id: 'x', a: 1, b: { c: 'k' } },
      { _id: 'y', a: 2, b: { c: 'k' } },
    ],
  })
  expect(indexed.find('c', { a: 1 }).plan.index).toBe('by_a_b')
  expect(indexed.find('c', { 'b.c': { $gte: 'a' } }).plan.index).toBe('by_bc')
})

// Sorted reads: per run each path holds one kind of value (so the sort pushdown applies) or a mix (so it must
// not); missing fields, nulls and arrays come and go with the kind.
const kinds: Record<string, fc.Arbitrary<unknown>> = {
  number: fc.integer({ min: -3, max: 3 }),
  string: fc.constantFrom('', 'a', 'ab', 'b', 'B', 'é'),
  // UTF-16 and UTF-8 order these differently: SQLite's order cannot stand for mingo's
  wide: fc.constantFrom('a', '\u{1F600}', '\uFF21', '\uE000'),
  date: fc.constantFrom(
    new Date(0),
    new Date('2026-11-01T00:00:00Z'),
    new Date('2026-11-01T00:00:00.123Z'),
    new Date('1960-01-01T00:00:00Z'),
    new Date('2026-11-01T00:00:00.001Z'),
  ),
  mixed: scalar,
}
const kindOf = fc.constantFrom(...Object.keys(kinds))
const sortedDocs = fc
  .record({ a: kindOf, c: kindOf, gaps: fc.boolean(), arrays: fc.boolean() })
  .chain((k) => {
    const value = (kind: string) => {
      let v: fc.Arbitrary<unknown> = kinds[kind]
      if (k.arrays) v = fc.oneof(v, fc.array(kinds[kind], { maxLength: 2 }))
      return k.gaps ? fc.option(fc.oneof(v, fc.constant(null)), { nil: undefined, freq: 3 }) : v
    }
    return fc.array(fc.record({ a: value(k.a), b: fc.record({ c: value(k.c) }) }), { maxLength: 30 })
  })
const dir = fc.constantFrom(1 as const, -1 as const)
const order: fc.Arbitrary<Record<string, 1 | -1>> = fc.oneof(
  fc.tuple(dir).map(([d]) => ({ 'b.c': d })),
  fc.tuple(dir, dir).map(([d, e]) => ({ 'b.c': d, _id: e })),
  fc.tuple(dir, dir).map(([d, e]) => ({ a: d, 'b.c': e })),
  fc.tuple(dir).map(([d]) => ({ a: d, 'b.c': d === 1 ? -1 : 1 }) as Record<string, 1 | -1>),
  fc.tuple(dir, dir).map(([d, e]) => ({ a: d, _id: e })),
  fc.tuple(dir).map(([d]) => ({ _id: d })),
)
const sortedQuery = fc.oneof(
  fc.constant({}),
  query,
  fc.record({ a: scalar }),
  fc.record({ a: kinds.string, 'b.c': fc.record({ $gte: scalar }) }),
  fc.record({ a: kinds.string, 'b.c': fc.record({ $ne: kinds.string }) }),
  fc.record({ 'b.c': fc.record({ $ne: kinds.string }) }),
)
const page = fc.record({ offset: fc.nat(5), limit: fc.integer({ min: 1, max: 8 }) })
const inOrder = (list: string[]) => list.map((t) => JSON.parse(t)._id)

test('sorted reads return the same documents in the same order, pushed down or not', () => {
  const sorts = { index: 0, memory: 0 }
  fc.assert(
    fc.property(
      sortedDocs,
      fc.array(fc.tuple(sortedQuery, order, page), { minLength: 1, maxLength: 5 }),
      (generated, reads) => {
        const data = { c: asEjson(generated.map(strip)) }
        indexed.reset(data)
        plain.reset(data)
        for (const [q, o, { offset, limit }] of structuredClone(reads)) {
          const got = indexed.find('c', q, { order: o, offset, limit })
          expect(inOrder(got.list)).toEqual(inOrder(plain.find('c', q, { order: o, offset, limit }).list))
          sorts[got.plan.sort!]++
          const pipeline = [{ $match: q }, { $sort: o }, { $skip: offset }, { $limit: limit }]
          expect(inOrder(indexed.aggregate('c', pipeline).list)).toEqual(
            inOrder(plain.aggregate('c', pipeline).list),
          )
          expect(indexed.count('c', q).total).toBe(plain.count('c', q).total)
        }
      },
    ),
    { numRuns: 400 },
  )
  // both paths were exercised
  expect(sorts.index).toBeGreaterThan(50)
  expect(sorts.memory).toBeGreaterThan(50)
})

test('a sort is pushed down only while the path holds one kind of value', () => {
  indexed.reset({
    c: [
      { _id: 'x', a: 'k', b: { c: { $date: '1970-01-01T00:00:00.001Z' } } },
      { _id: 'y', a: 'k' },
    ],
  })
  const sorted = () => indexed.find('c', { a: 'k' }, { order: { 'b.c': 1 } })
  // missing sorts before dates in SQLite's key order as in BSON
  expect(sorted().plan.sort).toBe('index')
  expect(inOrder(sorted().list)).toEqual(['y', 'x'])
  indexed.putDocument('c', { _id: 'z', a: 'k', b: { c: 5 } })
  expect(sorted().plan.sort).toBe('memory')
  expect(inOrder(sorted().list)).toEqual(['y', 'z', 'x'])
})

test('a data folder from before the date keys opens: its indexes are rebuilt and the value kinds recorded', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-pushdown-'))
  const file = collectionsFile({ ev: { indexes: [{ name: 'by_kind_at', keys: { kind: 1, at: 1 } }] } })
  const docs = [3, 1, 2].map((h) => ({ _id: `e${h}`, kind: 'x', at: { $date: `2026-11-0${h}T00:00:00Z` } }))
  const first = openStore({ dataDir: dir, now, collectionsFile: file })
  const late = { _id: 'ms', kind: 'x', at: { $date: '2026-11-01T00:00:00.500Z' } }
  first.importData({ ev: [...docs, late, { _id: 's', kind: 'y', at: 'soon' }] })
  first.close()
  // the earlier format: keys were the stored JSON text (dates as their EJSON text), no record of value kinds
  const raw = new Database(path.join(dir, 'database.sqlite'))
  raw.exec(`DROP INDEX "c_ev__by_kind_at"; DROP TABLE _keyclasses;
    CREATE INDEX "c_ev__by_kind_at" ON "c_ev" (coalesce(json_extract(doc, '$."kind"'), x'00') ASC,
      coalesce(json_extract(doc, '$."at"'), x'00') ASC)`)
  raw.close()
  const store = openStore({ dataDir: dir, now, collectionsFile: file })
  try {
    const from = { at: { $gt: new Date('2026-11-01T00:00:00Z') } }
    const ranged = store.find('ev', { kind: 'x', ...from }, { order: { at: 1 } })
    expect(inOrder(ranged.list)).toEqual(['ms', 'e2', 'e3'])
    // the date range is read through the rebuilt index; the string found at `at` keeps the sort in memory
    expect(ranged.plan).toMatchObject({ index: 'by_kind_at', scanned: 3, sort: 'memory' })
    store.deleteDocument('ev', 's')
    store.reset(store.exportData())
    expect(store.find('ev', { kind: 'x', ...from }, { order: { at: 1 } }).plan.sort).toBe('index')
  } finally {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
