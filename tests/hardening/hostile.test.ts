// Hostile input against every action of every function, built and run as deployed with the real SDK: a generated
// corpus (each field of each action's valid input mutated by wrong types, query operators, dotted keys, huge
// values, odd unicode, edge numbers, far and impossible dates; extra fields), hand-written cases (other members'
// and other companies' ids and files, path tricks, hostile member sheets, forged identity, routing tricks, replayed
// request ids, alone and at once) and a seeded fast-check property. Each payload must get a catalogued answer, never
// a crash or INTERNAL; a refused one must leave the database, storage and outbox as they were, and what an accepted
// one stored must not break its readers. See tests/hardening/README.md.
import { randomInt } from 'node:crypto'
import fc from 'fast-check'
import type { Emulator } from '@emulator/index'
import type { FunctionName } from '@core/api'
import { schemas } from '@core/schemas'
import { type Holder, type MakeupDoc, type MemberDoc, quotasOf } from '@core/makeup'
import { parseCsv } from '@core/admin'
import { isErrorCode } from '@core/shared'
import { docs, startFunctionsEmulator } from '../integration/harness'
import { START_TIMEOUT } from '../integration/fixture'
import { bases, readersOf, type Bases } from './hostile/bases'
import { READS, actionsOf, baseOf, fieldsOf, generate, withKey, withValue, type Case } from './hostile/corpus'
import { seedFixture } from './hostile/fixture'
import { describeCase, Judge } from './hostile/judge'
import { named } from './hostile/named'
import { diff, restore, snapshot, type Snapshot } from './hostile/snapshot'
import { watchRejections, type RejectionWatch } from './hostile/rejections'

/**
 * HOSTILE_RUNS > 1 is a deep run: every hostile value on every field, and that many times the property runs
 * (default 1: CI size). The property's seed changes every run, so runs together cover more; it is printed, and
 * HOSTILE_SEED=<seed> replays that run.
 */
const SCALE = Math.max(1, Number(process.env.HOSTILE_RUNS ?? 1) || 1)
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : randomInt(2 ** 31 - 1)
console.info(`hostile property seed ${SEED} (replay: HOSTILE_SEED=${SEED})`)
jest.setTimeout(SCALE > 1 ? 3_600_000 : 120_000)

/** every function of the contract (`retention` has no app actions: only its forged timer event is tried) */
const FUNCTIONS = Object.keys(schemas) as FunctionName[]

let emu: Emulator
let b: Bases
let start: Snapshot
let judge: Judge
let rejections: RejectionWatch

beforeAll(async () => {
  rejections = watchRejections()
  emu = await startFunctionsEmulator([...FUNCTIONS, 'retention'])
  await seedFixture(emu)
  b = bases()
  start = snapshot(emu, true)
  judge = new Judge(emu, start, (fn) => readersOf(b, fn))
}, START_TIMEOUT)
afterAll(async () => {
  rejections?.stop()
  await emu?.close()
})

async function failuresOf(cases: Case[]): Promise<string[]> {
  const out: string[] = []
  for (const c of cases) {
    const { problems } = await judge.run(c)
    for (const p of problems) out.push(`${describeCase(c)}: ${p}`)
  }
  return out
}

describe('the contract', () => {
  it('has a valid base input for every action of every function', () => {
    const contract = FUNCTIONS.flatMap((fn) => Object.keys(schemas[fn]).map((a) => `${fn}.${a}`)).sort()
    expect(
      actionsOf(b)
        .map((x) => `${x.fn}.${x.action}`)
        .sort(),
    ).toEqual(contract)
    const invalid = actionsOf(b).filter(({ fn, action }) => {
      const schema = (
        schemas[fn] as unknown as Record<string, { safeParse(v: unknown): { success: boolean } }>
      )[action]
      return !schema.safeParse(baseOf(b, fn, action).input).success
    })
    expect(invalid).toEqual([])
  })

  it('generates at least 300 payloads across all of them', () => {
    const corpus = [...generate(b), ...named(b)]
    expect(corpus.length).toBeGreaterThanOrEqual(300)
    expect(new Set(corpus.map((c) => `${c.fn}.${c.action}`)).size).toBeGreaterThanOrEqual(actionsOf(b).length)
  })
})

describe('generated corpus', () => {
  let corpus: Case[] | undefined
  it.each(FUNCTIONS)('%s: every action, every kind', async (fn) => {
    corpus ??= generate(b, SCALE > 1)
    const failures = await failuresOf(corpus.filter((c) => c.fn === fn))
    expect(failures).toEqual([])
  })
})

describe('named cases', () => {
  it.each([
    'other id',
    'fileID',
    'file content',
    'forged identity',
    'routing',
    'far date',
    'bad date',
    'number',
    'operator',
  ])('%s', async (kind) => {
    expect(await failuresOf(named(b).filter((c) => c.kind === kind))).toEqual([])
  })
})

describe('replayed client request ids with different content', () => {
  const REPLAYS: [FunctionName, string, [string[], unknown][]][] = [
    ['checkin', 'submit', [[['report', 'temperature'], 37.9]]],
    [
      'makeup',
      'submit',
      [
        [['day'], '2026-11-26'],
        [['reason'], '另一天'],
      ],
    ],
    // one special request per member and day: the day is its key, so the replay keeps the day
    [
      'makeup',
      'special',
      [
        [['reason'], '另一个原因'],
        [['evidence'], []],
      ],
    ],
    [
      'help',
      'open',
      [
        [['text'], '另一个问题'],
        [['category'], 'other'],
      ],
    ],
  ]
  it.each(REPLAYS)(
    '%s.%s: the replay changes nothing and gets the first answer or a refusal',
    async (fn, action, set) => {
      const { input, as } = baseOf(b, fn, action)
      const first = (await emu.invoke(fn, { action, ...input }, { openid: as })).result as {
        ok: boolean
        data?: unknown
      }
      expect(first.ok).toBe(true)
      const afterFirst = snapshot(emu)
      let replayed = input
      for (const [path, value] of set) replayed = withValue(replayed, path, value)
      const report = await emu.invoke(fn, { action, ...replayed }, { openid: as })
      const result = report.result as { ok: boolean; data?: { id?: string; day?: string }; code?: string }
      expect(report.ok).toBe(true)
      // a check-in replay says it is one (duplicate: true); otherwise the answer is the first one's
      if (result.ok)
        expect({ ...result.data, duplicate: undefined }).toEqual({
          ...(first.data as object),
          duplicate: undefined,
        })
      else expect(result.code).not.toBe('INTERNAL')
      expect(diff(afterFirst, snapshot(emu))).toEqual([])
      restore(emu, start)
    },
  )

  const STORED_IN: Record<string, string> = {
    'checkin.submit': 'checkins',
    'makeup.submit': 'makeups',
    'makeup.special': 'specials',
    'help.open': 'tickets',
  }
  it.each(REPLAYS)(
    '%s.%s: both at once store one document (and a make-up reserves one day)',
    async (fn, action, set) => {
      const { input, as } = baseOf(b, fn, action)
      let replayed = input
      for (const [path, value] of set) replayed = withValue(replayed, path, value)
      const answers = await Promise.all(
        [input, replayed].map((i) => emu.invoke(fn, { action, ...i }, { openid: as })),
      )
      for (const r of answers) {
        expect(r.ok).toBe(true)
        const result = r.result as { ok: boolean; code?: string }
        if (!result.ok) expect(isErrorCode(result.code!) && result.code !== 'INTERNAL').toBe(true)
      }
      expect(answers.some((r) => (r.result as { ok: boolean }).ok)).toBe(true)
      const added = diff(start, snapshot(emu)).filter((line) => line.startsWith('+ '))
      expect(added.filter((line) => line.startsWith(`+ ${STORED_IN[`${fn}.${action}`]}/`))).toHaveLength(1)
      if (fn === 'makeup' && action === 'submit') {
        const [request] = docs<MakeupDoc>(emu, 'makeups', { memberId: 'm1', status: 'pending' }).filter(
          (d) => d._id !== 'm1_2026-11-24',
        )
        const [quota] = quotasOf(docs<Holder>(emu, 'makeups', { quotaKey: request.quotaKey }))
        // the fixture's pending and returned requests hold their days, the new one its own
        expect(quota.openDays.sort()).toEqual(['2026-11-19', '2026-11-24', request.day].sort())
        expect(quota.used).toBe(2)
      }
      judge.reset()
    },
  )
})

describe('a hostile member sheet imported to the end', () => {
  // import rows are validated by their own rules, not the input schemas: what they let through becomes members
  // whose department, region and name every HR screen, export and notice then reads
  const rows = [
    ['H1', '张三', '$where', '北京'],
    ['H2', '李四', '.hidden', '$gt'],
    ['H3', '王五', 'a.b', 'x.y'],
    ['H4', '赵\u0000六', '研发部', '北\u202E京'],
    ['H5', '=HYPERLINK("http://x")', '研发部', '@SUM(A1)'],
  ]
  it('is refused row by row, or imported without breaking any reader', async () => {
    const csv = `工号,姓名,部门,地区\n${rows.map((r) => r.join(',')).join('\n')}\n`
    const path = `companies/c1/admin/hostile-rows.csv`
    emu.files.put(path, Buffer.from(csv))
    const as = b.admin.importStart.as
    const started = await emu.invoke(
      'admin',
      { action: 'importStart', fileID: emu.files.fileIdFor(path) },
      { openid: as },
    )
    const job = started.result as { ok: boolean; data?: { id: string; status: string }; code?: string }
    const problems: string[] = []
    if (!started.ok || !job.ok)
      problems.push(`importStart: ${JSON.stringify(started.result ?? started.error)}`)
    for (let status = job.data?.status, n = 0; status === 'running' && n < 10; n++) {
      const next = await emu.invoke(
        'admin',
        { action: 'importContinue', jobId: job.data!.id },
        { openid: as },
      )
      const r = next.result as { ok: boolean; data?: { status: string }; code?: string }
      if (!next.ok || !r.ok) problems.push(`importContinue: ${JSON.stringify(next.result ?? next.error)}`)
      status = r?.data?.status
    }
    // what the member forms refuse (a department starting with $ or ., a control character) the file may not bring
    const members = docs<MemberDoc>(emu, 'members', { companyId: 'c1' })
    for (const m of members)
      if (/^[$.]/.test(m.dept) || [...m.name, ...m.dept, ...m.region].some((ch) => ch.charCodeAt(0) < 0x20))
        problems.push(`imported ${m.employeeNo}: ${JSON.stringify([m.name, m.dept, m.region])}`)
    for (const fn of ['admin', 'review'] as const) problems.push(...(await judge.readBack(fn)))
    judge.reset()
    expect(problems).toEqual([])
  })
})

describe('formulas in what employees type', () => {
  // a spreadsheet runs a cell that starts with = + - @, or with a tab or carriage return before one (OWASP CSV
  // injection): HR opens the export, so everything a member typed must arrive there as text
  it.each(['=HYPERLINK("http://x","点我")', '+1+cmd|calc', '@SUM(A1)', '\t=1+1', '\r=1+1', '-2+3'])(
    'a reason %j reaches the CSV export defused',
    async (reason) => {
      const submit = b.makeup.submit
      const submitted = await emu.invoke(
        'makeup',
        { action: 'submit', ...submit.input, reason },
        { openid: submit.as },
      )
      expect((submitted.result as { ok: boolean }).ok).toBe(true)
      const exported = await emu.invoke(
        'review',
        { action: 'export', ...b.review.export.input, kind: 'makeups', format: 'csv' },
        { openid: b.review.export.as },
      )
      const job = (exported.result as { data: { status: string; fileID: string } }).data
      expect(job.status).toBe('done')
      const csv = emu.files.get(emu.files.pathOf(job.fileID)!)!.bytes.toString('utf8')
      const cells = parseCsv(csv.replace(/^\uFEFF/, '')).flatMap((r) => r.cells)
      const cell = cells.find((c) => c.includes(reason.trim().slice(1)))
      judge.reset()
      expect(cell).toBeDefined()
      expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    },
  )
})

describe('property: any JSON value in any field, any extra key', () => {
  const targets = () =>
    actionsOf(b).flatMap(({ fn, action }) =>
      fieldsOf(baseOf(b, fn, action).input).map(({ path }) => ({ fn, action, path })),
    )
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.constantFrom<unknown>({ $ne: null }, { $gt: '' }, { 'a.b': 1 }, '', ' ', '$', '.', '../'),
  )
  it.each(FUNCTIONS)(`%s (seed ${SEED})`, async (fn) => {
    const mine = targets().filter((t) => t.fn === fn)
    const extraKey = fc.option(fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })), {
      freq: 3,
    })
    const failures: string[] = []
    const property = fc.assert(
      fc.asyncProperty(fc.constantFrom(...mine), value, extraKey, async (t, v, extra) => {
        const { input, as } = baseOf(b, t.fn, t.action)
        let payload = withValue(input, t.path, v)
        if (extra) payload = withKey(payload, [], extra[0], extra[1])
        const c: Case = {
          fn: t.fn,
          action: t.action,
          as,
          event: { action: t.action, ...payload },
          transport: 'json',
          kind: 'property',
          label: `${t.path.join('.')} ← ${JSON.stringify(v)?.slice(0, 80)}${extra ? ` + ${JSON.stringify(extra[0])}` : ''}`,
          mustRefuse: false,
          readOnly: READS.has(`${t.fn}.${t.action}`),
        }
        const { problems } = await judge.run(c)
        for (const p of problems) failures.push(`${describeCase(c)}: ${p}`)
        return problems.length === 0
      }),
      { seed: SEED, numRuns: Math.max(20, mine.length) * SCALE, endOnFailure: true },
    )
    // fast-check's report names the seed and the counterexample; ours says what was wrong with the answer
    await property.catch((e: Error) => {
      throw new Error(`${failures.join('\n')}\n\n${e.message}`)
    })
    expect(failures).toEqual([])
  })
})

describe('afterwards', () => {
  it('the data is as seeded, apart from the audit entries of refused review attempts', () => {
    expect(judge.changesSinceStart()).toEqual([])
    expect(judge.runs.json + judge.runs.raw).toBeGreaterThanOrEqual(300)
  })

  it('no unhandled rejection, in the test process or in any function instance', () => {
    // the watcher listens where Node emits them (not on jest's copy of process, where it could never fire)
    expect(rejections.listening()).toBe(true)
    expect(rejections.seen()).toEqual([])
  })
})
