// The whole path: an employee's submit stores its notice in the request (the same write) and never waits for
// WeChat; the notify timer queues and sends it; a reviewer's decision carries the employee's notice the same way.
import { COLLECTIONS, type MakeupDoc, type MakeupRequestView } from '@core/makeup'
import { call, docs, makeupInput, ok } from './harness'
import { useEmulator } from './fixture'
import { A, B, HR, REV_DEV } from './review-fixture'
import { REV_DEV_2, T, grant, notice, outboxDocs, startNotify, tick } from './notify-fixture'

jest.setTimeout(180_000)

const emu = useEmulator({ functions: ['checkin', 'makeup', 'review', 'notify'], files: true })

const start = () => startNotify(emu, { delegate: true })

async function submit(reason = '当天忘记打卡'): Promise<MakeupRequestView> {
  const { result, roundTrips } = await call(emu, 'makeup', 'submit', makeupInput('2026-11-25', { reason }), A)
  if (!result.ok) throw new Error(`submit refused: ${result.code}`)
  expect(roundTrips).toBeLessThan(20)
  return result.data
}

const reviewNotice = (requestId: string) =>
  outboxDocs(emu, { kind: 'reviewNeeded', memberId: null }).find((d) => d.values.requestId === requestId)!

describe('submit → reviewers', () => {
  it('stores the notice in the request and sends nothing itself; the timer queues it and notifies the reviewers', async () => {
    await start()
    grant(emu, REV_DEV, 'r1', [T.newRequest])
    grant(emu, B, 'm2', [T.newRequest])
    const req = await submit()
    const [stored] = docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: req.id })
    expect(stored.events?.[0]?.notice).toMatchObject({ audience: { kind: 'reviewersOf', memberId: 'm1' } })
    expect(reviewNotice(req.id)).toBeUndefined()
    expect(emu.outbox()).toHaveLength(0)

    await tick(emu)
    const queued = reviewNotice(req.id)
    expect(queued).toMatchObject({ audience: { kind: 'reviewersOf', memberId: 'm1' } })
    expect(emu.outbox({ touser: REV_DEV })).toEqual([
      expect.objectContaining({
        templateId: T.newRequest,
        page: `hr/detail/index?id=${req.id}`,
        data: expect.objectContaining({ name1: { value: '员工m1' }, date2: { value: '2026年11月25日' } }),
      }),
    ])
    // r3 has no authorisation: in-app for them, the message to their delegate (B)
    expect(notice(emu, `${queued._id}.r3`)).toMatchObject({ status: 'fallenBack', reason: 'noAuthorisation' })
    expect(emu.outbox({ touser: B })).toHaveLength(1)
    expect(emu.outbox({ touser: REV_DEV_2 })).toHaveLength(0)
  })

  it.each([
    ['43101', { errcode: 43101, errmsg: 'user refuse to accept the msg' }, 'fallenBack', 'noAuthorisation'],
    ['47003', { errcode: 47003, errmsg: 'argument invalid! data.name1.value' }, 'failed', 'configError'],
    ['a timeout', { delayMs: 5_500, errcode: -1, errmsg: 'timeout' }, 'pending', undefined],
  ])(
    '%s at WeChat never fails the submission, and the notice ends in the right state',
    async (_, fault, status, reason) => {
      await start()
      grant(emu, REV_DEV, 'r1', [T.newRequest])
      emu.injectSendFault({ touser: REV_DEV, ...fault })
      const req = await submit()
      expect(req.status).toBe('pending')
      await tick(emu)
      const sent = notice(emu, `${reviewNotice(req.id)._id}.r1`)
      expect(sent.status).toBe(status)
      expect(sent.reason).toBe(reason)
    },
  )
})

describe('decide → employee', () => {
  it('a rejection reaches the employee with the status as a phrase and the reason fitted to 20 characters', async () => {
    await start()
    grant(emu, A, 'm1', [T.decided])
    const req = await submit()
    await ok(
      emu,
      'review',
      'decide',
      {
        id: req.id,
        decision: 'reject',
        reasonCode: 'other',
        note: '截图看不清健康码颜色，请重新上传清晰的截图',
      },
      REV_DEV,
    )
    await tick(emu)
    const [msg] = emu.outbox({ touser: A })
    expect(msg).toMatchObject({
      templateId: T.decided,
      page: `employee/request/index?id=${req.id}`,
      data: {
        date1: { value: '2026年11月25日' },
        phrase2: { value: '已驳回' },
        // the listed reason only: the reviewer's note stays on the request (it may speak of health)
        thing3: { value: '其他' },
        name4: { value: '李明' },
      },
    })
    // and in the employee's list, unread
    const inbox = await ok(emu, 'notify', 'inbox', {}, A)
    expect(inbox.items[0]).toMatchObject({ kind: 'requestDecided', status: 'delivered', read: false })
  })

  it('an approval by HR is announced too; without authorisation it stays in-app', async () => {
    await start()
    const req = await submit()
    await ok(emu, 'review', 'decide', { id: req.id, decision: 'approve' }, HR)
    await tick(emu)
    expect(emu.outbox({ touser: A })).toHaveLength(0)
    const [item] = (await ok(emu, 'notify', 'inbox', {}, A)).items
    expect(item).toMatchObject({
      kind: 'requestDecided',
      status: 'fallenBack',
      body: '2026-11-25 的补卡申请已通过',
    })
  })
})
