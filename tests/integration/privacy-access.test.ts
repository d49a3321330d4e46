// The access log covers every viewing path, once each: the reviewer detail (which is also where attachment temp
// URLs are issued), the HR export (one entry for the whole job, however many parts), the member's own export; the
// member finds them in "who viewed my data" (privacy.status).
import { BYTES, COMPANY, FRIDAY_10, docs, ok, setNow, upload } from './harness'
import { useEmulator } from './fixture'
import { A, B, HR, REV_DEV, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

interface Entry {
  subject: string
  viewer: { id: string; name: string }
  what: string
}

let shot: string
const emu = useEmulator({
  functions: ['review', 'privacy'],
  data: (emu) => {
    shot = upload(emu, COMPANY, 'm1', 'shot.jpg', BYTES.jpg)
    loadReviewFixture(
      emu,
      [{ memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T02:00:00Z', attachments: [shot] }],
      [],
      [checkinDoc('m1', '2026-11-23'), checkinDoc('m2', '2026-11-23')],
    )
  },
  at: FRIDAY_10,
})

/** The access-log entries one step writes. */
async function written(step: () => Promise<unknown>): Promise<[string, string, string][]> {
  const before = docs<Entry>(emu, 'access_log').length
  await step()
  return docs<Entry>(emu, 'access_log')
    .slice(before)
    .map((e) => [e.subject, e.viewer.id, e.what])
}

describe('each viewing path writes exactly one access-log entry', () => {
  it('the reviewer detail, with the attachment temp URL it issues', async () => {
    let url: string | null = null
    expect(
      await written(async () => {
        url = (await ok(emu, 'review', 'detail', { id: 'm1_2026-11-24' }, REV_DEV)).previews[0].url
      }),
    ).toEqual([['m1', 'r1', 'makeup:m1_2026-11-24']])
    expect(url).toMatch(/^http.*sign=/)
  })

  it('the HR export: one entry for the whole job, none for its further parts', async () => {
    const range = { kind: 'checkins' as const, from: '2026-11-01', to: '2026-11-30' }
    let job = { jobId: '', status: '' }
    expect(await written(async () => (job = await ok(emu, 'review', 'export', range, HR)))).toEqual([
      ['*', 'h1', 'export:checkins csv 2026-11-01~2026-11-30'],
    ])
    for (let i = 0; i < 20 && job.status !== 'done'; i++)
      expect(
        await written(
          async () => (job = await ok(emu, 'review', 'exportContinue', { jobId: job.jobId }, HR)),
        ),
      ).toEqual([])
    expect(job.status).toBe('done')
  })

  it("the member's own export", async () => {
    expect(await written(() => ok(emu, 'privacy', 'exportMine', {}, A))).toEqual([['m1', 'm1', 'export']])
  })
})

it('the member sees each view of their data in "who viewed my data"; others see only the company-wide export', async () => {
  await ok(emu, 'review', 'detail', { id: 'm1_2026-11-24' }, REV_DEV)
  await setNow(emu, '2026-11-27T03:00:00Z')
  await ok(emu, 'review', 'export', { kind: 'makeups', from: '2026-11-01', to: '2026-11-30' }, HR)
  const viewers = async (who: string) =>
    (await ok(emu, 'privacy', 'status', {}, who)).viewers.map((v) => [v.viewer.name, v.what])
  const hrExport = ['陈思', 'export:makeups csv 2026-11-01~2026-11-30']
  expect(await viewers(A)).toEqual([hrExport, ['李明', 'makeup:m1_2026-11-24']])
  expect(await viewers(B)).toEqual([hrExport])
})

it('"who viewed my data" reads the access log through its index (the member and the company-wide entries)', async () => {
  const since = emu.requestLog({ limit: 1 }).at(-1)?.seq ?? 0
  await ok(emu, 'privacy', 'status', {}, A)
  const reads = emu
    .requestLog({ since, limit: 1000 })
    .flatMap((e) => (e as { details?: { collection?: string; index?: string | null }[] }).details ?? [])
    .filter((d) => d.collection === 'access_log')
  expect(reads.map((d) => d.index)).toEqual(['by_subject_at'])
})
