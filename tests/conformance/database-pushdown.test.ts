// Property check of the pushdown rule "SQL only pre-selects, mingo decides": for random documents of mixed types
// and random equality/range/$in queries, a store with declared indexes answers exactly like one without.
// (Engine-level on purpose: thousands of query/document combinations, which the SDK suites sample by hand.)
import fc from 'fast-check'
import { openStore } from '../../emulator/store'
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
)
const query = fc.oneof(
  fc.record({ a: cond }),
  fc.record({ 'b.c': cond }),
  fc.record({ a: cond, 'b.c': cond }),
  fc.record({ $and: fc.tuple(fc.record({ a: cond }), fc.record({ 'b.c': cond })) }),
)

const strip = (d: Record<string, unknown>, i: number) => {
  const out: Record<string, unknown> = { _id: `d${i}` }
  for (const [k, v] of Object.entries(d)) if (v !== undefined) out[k] = v
  return out
}
const ids = (list: string[]) => list.map((t) => JSON.parse(t)._id).sort()

test('indexed and unindexed stores return the same documents for any query', () => {
  fc.assert(
    fc.property(docs, fc.array(query, { minLength: 1, maxLength: 5 }), (generated, queries) => {
      // structuredClone: fast-check builds null-prototype objects, the wire never does
      const data = { c: structuredClone(generated.map(strip)) }
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
