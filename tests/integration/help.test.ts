import { type TicketCategory, type TicketDoc, TICKETS } from '@core/help'
import type { OutboxDoc } from '@server/notices/records'
import {
  A,
  B,
  BYTES,
  C2,
  call,
  codeOf,
  COMPANY,
  docs,
  fileOf,
  fixture,
  FRIDAY_10,
  load,
  NEW,
  ok,
  OTHER_COMPANY,
  rid,
  upload,
} from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(60_000)

const SHOT = fileOf(COMPANY, 'm1', 'b1.png')

const emu = useEmulator({
  functions: ['help'],
  files: true,
  ready: (emu) => upload(emu, OTHER_COMPANY, 'm9', 'shot.png', BYTES.png),
  // m2 (B) is the HR admin of c1; m9 (C2) the HR admin of the other company
  data: () => fixture({}, { m2: { roles: ['hr', 'employee'] }, m9: { roles: ['hr', 'employee'] } }),
  at: FRIDAY_10,
})

const openInput = (over: object = {}) => ({
  category: 'network' as TicketCategory,
  text: '提交补卡时一直转圈',
  screenshots: [SHOT],
  clientRequestId: rid(),
  ...over,
})
const tickets = () => docs<TicketDoc>(emu, TICKETS)
const outbox = () => docs<OutboxDoc>(emu, 'outbox')

describe('help tickets', () => {
  it('open → HR reply → the employee sees the reply, and the notice waits in the outbox', async () => {
    const opened = await ok(emu, 'help', 'open', openInput(), A)
    expect(opened).toMatchObject({ status: 'open', category: 'network', replyCount: 0, memberName: '员工m1' })
    expect(tickets()[0]).toMatchObject({ companyId: COMPANY, memberId: 'm1', screenshots: [SHOT] })

    const queue = await ok(emu, 'help', 'queue', {}, B)
    expect(queue.map((t) => t.id)).toEqual([opened.id])

    const replied = await ok(emu, 'help', 'reply', { id: opened.id, text: '请切换到 4G 后重试' }, B)
    expect(replied.status).toBe('answered')
    expect(await ok(emu, 'help', 'queue', {}, B)).toEqual([]) // no longer open

    const mine = await ok(emu, 'help', 'mine', {}, A)
    expect(mine).toMatchObject([{ id: opened.id, status: 'answered', replyCount: 1 }])
    const detail = await ok(emu, 'help', 'detail', { id: opened.id }, A)
    expect(detail.replies).toMatchObject([{ byName: '员工m2', text: '请切换到 4G 后重试' }])
    expect(detail.screenshots).toEqual([{ fileID: SHOT, url: expect.stringMatching(/^https?:\/\//) }])

    expect(outbox()).toMatchObject([
      {
        kind: 'ticketReplied',
        memberId: 'm1',
        companyId: COMPANY,
        status: 'pending',
        body: '网络故障：请打开小程序查看回复',
      },
    ])

    // a closing reply ends it; nothing more can be added
    expect((await ok(emu, 'help', 'reply', { id: opened.id, text: '已解决', close: true }, B)).status).toBe(
      'closed',
    )
    expect(await codeOf(emu, 'help', 'reply', { id: opened.id, text: '补充' }, B)).toBe('TICKET_CLOSED')
    expect(outbox()).toHaveLength(2)
  })

  it('a retried open (same request id) returns the first ticket', async () => {
    const input = openInput()
    const first = await ok(emu, 'help', 'open', input, A)
    expect((await ok(emu, 'help', 'open', input, A)).id).toBe(first.id)
    expect(tickets()).toHaveLength(1)
  })

  it('keeps companies apart: another company’s HR cannot see, list or reply', async () => {
    const { id } = await ok(emu, 'help', 'open', openInput(), A)
    expect(await codeOf(emu, 'help', 'detail', { id }, C2)).toBe('TICKET_NOT_FOUND')
    expect(await codeOf(emu, 'help', 'reply', { id, text: '你好' }, C2)).toBe('TICKET_NOT_FOUND')
    expect(await ok(emu, 'help', 'queue', {}, C2)).toEqual([])
    expect(tickets()[0].replies).toEqual([])
    expect(outbox()).toEqual([])
  })

  it('refuses a reply or the queue from a non-HR member, and another member’s ticket', async () => {
    const { id } = await ok(emu, 'help', 'open', openInput(), A)
    load(emu, { ...fixture(), tickets: tickets() }) // B is a plain employee again
    expect(await codeOf(emu, 'help', 'reply', { id, text: '我来回复' }, A)).toBe('FORBIDDEN')
    expect(await codeOf(emu, 'help', 'queue', {}, A)).toBe('FORBIDDEN')
    expect(await codeOf(emu, 'help', 'detail', { id }, B)).toBe('TICKET_NOT_FOUND')
    expect(await codeOf(emu, 'help', 'mine', {}, NEW)).toBe('NOT_BOUND')
    expect(outbox()).toEqual([])
  })

  it.each([
    ['another member’s file', [fileOf(COMPANY, 'm2')], 'ATTACHMENT_FORBIDDEN'],
    ['another company’s file', [fileOf(OTHER_COMPANY, 'm9', 'shot.png')], 'ATTACHMENT_FORBIDDEN'],
    ['a path trick', [fileOf(COMPANY, 'm1', '../m2/f0a1b2c3.jpg')], 'ATTACHMENT_FORBIDDEN'],
    ['a PDF named .jpg', [fileOf(COMPANY, 'm1', 'renamed.jpg')], 'ATTACHMENT_INVALID'],
    ['a PDF (screenshots are images)', [fileOf(COMPANY, 'm1', 'scan.pdf')], 'ATTACHMENT_INVALID'],
    ['a missing file', [fileOf(COMPANY, 'm1', 'gone.png')], 'ATTACHMENT_INVALID'],
    ['four screenshots', [SHOT, SHOT, SHOT, SHOT], 'INVALID_INPUT'],
  ])('refuses %s and stores nothing', async (_, screenshots, code) => {
    expect(await codeOf(emu, 'help', 'open', openInput({ screenshots }), A)).toBe(code)
    expect(tickets()).toEqual([])
  })

  it.each([
    ['empty text', { text: '   ' }],
    ['text over 500', { text: '长'.repeat(501) }],
    ['an unknown category', { category: 'billing' }],
    ['a $-operator', { text: { $ne: '' } }],
    ['an openid in the event', { openid: B }],
  ])('refuses %s as invalid input', async (_, over) => {
    expect(await codeOf(emu, 'help', 'open', openInput(over), A)).toBe('INVALID_INPUT')
    expect(tickets()).toEqual([])
  })

  it('refuses an empty reply', async () => {
    const { id } = await ok(emu, 'help', 'open', openInput({ screenshots: [] }), A)
    expect(await codeOf(emu, 'help', 'reply', { id, text: '' }, B)).toBe('INVALID_INPUT')
    expect((await call(emu, 'help', 'detail', { id }, B)).result).toMatchObject({
      ok: true,
      data: { status: 'open' },
    })
  })
})
