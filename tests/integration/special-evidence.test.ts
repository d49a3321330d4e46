// A special-handling request's evidence (screenshots of the failure): the member's own files only, stored with the
// request, shown to HR as short-lived previews, each view in the member's access log; a department reviewer gets
// neither the list nor the links.
import { COLLECTIONS, type SpecialDoc } from '@core/makeup'
import {
  A,
  B,
  BYTES,
  codeOf,
  COMPANY,
  docs,
  fileOf,
  fixture,
  FRIDAY_10,
  load,
  ok,
  rid,
  setNow,
  upload,
} from './harness'
import { useEmulator } from './fixture'

// the machine is shared and small; nothing here asserts timings
jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['makeup', 'review'], files: true })

// an HR admin of c1 (m2 is made a department reviewer)
const HR = 'o-hr'
// Friday 2026-11-27: the window is 3 working days, so Friday 2026-11-20 is past it
const PAST = '2026-11-20'

async function start() {
  const data = fixture({}, { m2: { roles: ['employee', 'reviewer'] } })
  const hr = { ...data.members[0], _id: 'h1', employeeNo: 'H1', name: '人事h1', dept: '人事部', openid: HR }
  load(emu, {
    ...data,
    members: [...data.members, { ...hr, roles: ['employee', 'hr'] }],
    bindings: [...data.bindings, { ...data.bindings[0], _id: HR, memberId: 'h1' }],
  })
  await setNow(emu, FRIDAY_10)
}

const accessLog = () => docs<{ subject: string; what: string; viewer: { id: string } }>(emu, 'access_log')
const special = (fields: object, who = A) =>
  ok(
    emu,
    'makeup',
    'special',
    { day: PAST, reason: '当天打卡页面报错', clientRequestId: rid(), ...fields },
    who,
  )

describe('special request evidence', () => {
  beforeEach(() => start())

  it("stores the member's screenshots with the request; someone else's file is refused and nothing is stored", async () => {
    const mine = upload(emu, COMPANY, 'm1', 'shot1.png', BYTES.png)
    expect(
      await codeOf(
        emu,
        'makeup',
        'special',
        { day: PAST, reason: '页面报错', evidence: [mine, fileOf(COMPANY, 'm2')], clientRequestId: rid() },
        A,
      ),
    ).toBe('ATTACHMENT_FORBIDDEN')
    expect(docs<SpecialDoc>(emu, COLLECTIONS.specials, {})).toEqual([])

    const filed = await special({ evidence: [mine, fileOf(COMPANY, 'm1')] })
    expect(filed.evidence).toEqual([mine, fileOf(COMPANY, 'm1')])
    expect(docs<SpecialDoc>(emu, COLLECTIONS.specials, { _id: filed.id })[0].evidence).toEqual([
      mine,
      fileOf(COMPANY, 'm1'),
    ])
    // filing shows the member nothing new about anyone: no access entry
    expect(accessLog()).toEqual([])
  })

  it('shows HR the evidence as 10-minute previews and logs the view for the member, ids only', async () => {
    const shot = upload(emu, COMPANY, 'm1', 'shot2.png', BYTES.png)
    const withShot = await special({ evidence: [shot] })
    // m2's request without evidence: listed, no links, no access entry
    const bare = await special({ evidence: [] }, B)

    const before = Math.floor(emu.clock.now().getTime() / 1000)
    const page = await ok(emu, 'review', 'specials', {}, HR)
    const after = Math.ceil(emu.clock.now().getTime() / 1000)
    const item = page.items.find((s) => s.id === withShot.id)!
    expect(item.previews).toHaveLength(1)
    expect(item.previews![0].fileID).toBe(shot)
    const url = new URL(item.previews![0].url!)
    expect(['127.0.0.1', 'localhost', '[::1]']).toContain(url.hostname)
    // the link lives 10 minutes from the (emulated) now of the call, which runs on from FRIDAY_10
    const expires = Number(url.searchParams.get('t'))
    expect(expires).toBeGreaterThanOrEqual(before + 600)
    expect(expires).toBeLessThanOrEqual(after + 600)
    const body = Buffer.from(await (await fetch(url)).arrayBuffer())
    expect(body.equals(BYTES.png)).toBe(true)
    expect(page.items.find((s) => s.id === bare.id)!.previews).toEqual([])

    const log = accessLog()
    expect(log.map((e) => [e.subject, e.what, e.viewer.id])).toEqual([['m1', `special:${withShot.id}`, 'h1']])
    // ids and names only: no reason text, no link
    expect(JSON.stringify(log)).not.toMatch(/打卡页面报错|http|sign=/)
  })

  it('gives a department reviewer neither the list nor the links, and logs nothing', async () => {
    await special({ evidence: [upload(emu, COMPANY, 'm1', 'shot3.png', BYTES.png)] })
    expect(await codeOf(emu, 'review', 'specials', {}, B)).toBe('FORBIDDEN')
    expect(accessLog()).toEqual([])
  })
})
