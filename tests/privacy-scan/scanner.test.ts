// The scan can fail: a planted leak of each kind is found, missing or empty dumps are refused, and every
// temperature and colour the tests feed the functions is one the scanner recognises.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { leaksHealthData } from '@core/privacy'
import { healthCodeSchema, TEMPERATURE_MAX, TEMPERATURE_MIN } from '@core/health'
import type { DumpEntry } from './dumps'
import { scanDumps } from './scan'

const ROOT = path.resolve(__dirname, '../..')
const TEST_FILE = 'tests/integration/x.test.ts'

function dumpDir(entries: Omit<DumpEntry, 'testFile'>[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-scan-'))
  const lines = entries.map((e) => JSON.stringify({ testFile: TEST_FILE, ...e }) + '\n')
  if (lines.length) fs.writeFileSync(path.join(dir, '1.jsonl'), lines.join(''))
  return dir
}

const clean: Omit<DumpEntry, 'testFile'>[] = [
  { kind: 'log', where: 'retention:stdout', text: 'retention purge done: [{"companyId":"c1","checkins":2}]' },
  { kind: 'record', where: 'audit', text: '{"action":"correct","fields":["temperature","healthCode"]}' },
  { kind: 'session', where: 'emulator', text: '{"logLines":1,"records":1}' },
]

describe('scanDumps', () => {
  it('passes clean dumps', () => {
    expect(scanDumps(dumpDir(clean), [TEST_FILE])).toMatchObject({ leaks: [], problems: [] })
  })

  it.each([
    [
      'a temperature in a log line',
      { kind: 'log', where: 'makeup:stderr', text: 'failed { temperature: 37.9 }' },
    ],
    [
      'a colour in an audit record',
      { kind: 'record', where: 'audit', text: '{"after":{"healthCode":"red"}}' },
    ],
    ['a Chinese colour label', { kind: 'record', where: 'outbox', text: '{"values":{"thing2":"黄码"}}' }],
    [
      'a temp URL in a log line',
      {
        kind: 'log',
        where: 'review:stderr',
        text: 'temp URLs unavailable http://127.0.0.1:40123/storage/download/companies/c1/a.jpg?t=1&sign=ab12',
      },
    ],
  ] as const)('finds %s', (_, leak) => {
    const { leaks } = scanDumps(dumpDir([...clean, leak]), [TEST_FILE])
    expect(leaks).toEqual([expect.objectContaining({ testFile: TEST_FILE, where: leak.where })])
  })

  it('refuses missing, empty or partial dumps', () => {
    expect(scanDumps(path.join(os.tmpdir(), 'no-such-privacy-dumps'), [TEST_FILE]).problems).toEqual([
      expect.stringMatching(/no dump files/),
    ])
    expect(scanDumps(dumpDir([]), [TEST_FILE]).problems).toEqual([expect.stringMatching(/no dump files/)])
    expect(scanDumps(dumpDir([clean[2]]), [TEST_FILE]).problems).toEqual([
      expect.stringMatching(/0 log lines and 0 records/),
    ])
    expect(scanDumps(dumpDir(clean), [TEST_FILE, 'tests/integration/y.test.ts']).problems).toEqual([
      'no dump from tests/integration/y.test.ts',
    ])
  })
})

describe('the patterns cover what the tests write', () => {
  // every decimal temperature literal in the test sources (fixtures and cases alike)
  const sources = ['tests/integration', 'tests/hardening', 'tests/e2e', 'bench']
    .map((d) => path.join(ROOT, d))
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).map((f) => path.join(d, f)))
    .filter((f) => /\.(ts|json)$/.test(f) && fs.statSync(f).isFile())
  const literals = [
    ...new Set(
      sources.flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/temperature"?\s*:\s*(\d+\.\d+)/g)].map((m) => m[1]),
      ),
    ),
  ]

  it('finds every decimal temperature the tests use, as JSON and as console output', () => {
    expect(literals.length).toBeGreaterThan(5)
    const missed = literals.filter(
      (t) => !leaksHealthData(`{"temperature":${t}}`) || !leaksHealthData(`{ temperature: ${t}, note: 'x' }`),
    )
    expect(missed).toEqual([])
  })

  it('finds every temperature the functions accept, computed ones included', () => {
    const missed: number[] = []
    for (let tenth = TEMPERATURE_MIN * 10; tenth <= TEMPERATURE_MAX * 10; tenth++) {
      const t = Math.floor(tenth / 10) + (tenth % 10) / 10 // 36 + 0.3 = 36.300000000000004
      if (!leaksHealthData(JSON.stringify({ report: { temperature: t } })) && tenth % 10 !== 0) missed.push(t)
    }
    expect(missed).toEqual([])
  })

  it('finds every colour value of the report schema, not the field name', () => {
    const colours = healthCodeSchema.options
    expect(colours).toEqual(['green', 'yellow', 'red'])
    for (const c of colours) {
      expect(leaksHealthData(JSON.stringify({ healthCode: c }))).toMatch(/colour/)
      expect(leaksHealthData(`{ before: { healthCode: '${c}' } }`)).toMatch(/colour/)
    }
    expect(leaksHealthData('{"fields":["healthCode"],"note":"请上传当天的健康码截图"}')).toBeNull()
  })

  it('passes ids, dates, durations and versions', () => {
    for (const text of [
      '{"_id":"m1_2026-11-27","at":{"$date":"2026-11-27T02:00:36.500Z"}}',
      'took 12.5 ms',
      'client 1.40.2 from 127.0.0.1, waited 0:36.5',
      'cloud://local-dev.local-dev-local/companies/c1/members/m1/a.jpg',
    ])
      expect(leaksHealthData(text)).toBeNull()
  })
})
