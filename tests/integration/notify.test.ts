import { MAX_ATTEMPTS } from '@server/notices/deliver'
import { call, ok, setNow } from './harness'
import { useEmulator } from './fixture'
import { A, B, HR, REV_DEV } from './review-fixture'
import {
  MKT,
  NOW,
  REV_DEV_2,
  T,
  grant,
  ledger,
  ledgerLeft,
  notice,
  queue,
  runFromFunction,
  startNotify,
  tick,
} from './notify-fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['notify'] })

const newRequest = (memberId: string, key = `reviewNeeded_${memberId}_req-1`) =>
  queue(emu, {
    kind: 'reviewNeeded',
    key,
    audience: { kind: 'reviewersOf', memberId },
    values: {
      applicant: memberId === 'm4' ? '孙丽' : '员工m1',
      day: '2026-11-26',
      reason: '当天在外地出差，手机没有信号，无法按时完成打卡，特此申请补卡',
      submittedAt: new Date(NOW),
      requestId: `${memberId}_req-1`,
    },
  })

describe('dispatching a new request to its reviewers', () => {
  it('messages the department reviewers with authorisation; one without gets it in-app and their delegate the message', async () => {
    await startNotify(emu, { delegate: true })
    grant(emu, REV_DEV, 'r1', [T.newRequest])
    grant(emu, B, 'm2', [T.newRequest])
    newRequest('m1')

    const run = await tick(emu)
    expect(run.data).toMatchObject({ delivered: 2, fallenBack: 1, failed: 0 })

    const key = 'reviewNeeded_m1_req-1'
    expect(notice(emu, key).status).toBe('expanded')
    expect(notice(emu, `${key}.r1`)).toMatchObject({ status: 'delivered', memberId: 'r1', attempts: 1 })
    expect(notice(emu, `${key}.r3`)).toMatchObject({ status: 'fallenBack', reason: 'noAuthorisation' })
    expect(notice(emu, `${key}.r3.m2`)).toMatchObject({ status: 'delivered', memberId: 'm2', fallback: true })

    // what WeChat received, fitted to the template
    const [toReviewer] = emu.outbox({ touser: REV_DEV })
    expect(toReviewer).toMatchObject({
      templateId: T.newRequest,
      page: 'hr/detail/index?id=m1_req-1',
      data: {
        name1: { value: '员工m1' },
        date2: { value: '2026年11月26日' },
        thing3: { value: '当天在外地出差，手机没有信号，无法按时…' },
        time4: { value: '2026年11月27日 10:00' },
      },
    })
    expect(emu.outbox({ touser: B })).toHaveLength(1)
    expect(emu.outbox({ touser: REV_DEV_2 })).toHaveLength(0)
    expect(emu.outbox({ touser: A })).toHaveLength(0) // never the requester
    expect(ledgerLeft(emu, 'r1', T.newRequest)).toBe(0)

    // the reviewer without authorisation sees it in the app, unread
    const inbox = await ok(emu, 'notify', 'inbox', {}, REV_DEV_2)
    expect(inbox.unread).toBe(1)
    expect(inbox.items).toEqual([
      expect.objectContaining({
        id: `${key}.r3`,
        status: 'fallenBack',
        read: false,
        title: '新的补卡申请待审核',
      }),
    ])
    expect(inbox.subscriptions.low).toBe(true)

    // a second run sends nothing more
    await tick(emu)
    expect(emu.outbox()).toHaveLength(2)
  })

  it('a 43101 for the lone reviewer of a department: in-app for them, the message to the HR admins', async () => {
    await startNotify(emu)
    ledger(emu, 'r2', [T.newRequest]) // the app reported an acceptance WeChat no longer honours
    grant(emu, HR, 'h1', [T.newRequest])
    newRequest('m4')

    await tick(emu)
    const key = 'reviewNeeded_m4_req-1'
    expect(notice(emu, `${key}.r2`)).toMatchObject({ status: 'fallenBack', reason: 'noAuthorisation' })
    expect(notice(emu, `${key}.r2`).detail).toMatch(/^43101/)
    expect(ledgerLeft(emu, 'r2', T.newRequest)).toBe(0)
    expect(notice(emu, `${key}.r2.h1`)).toMatchObject({ status: 'delivered', fallback: true })
    expect(emu.outbox({ touser: HR })).toHaveLength(1)
    expect(emu.outbox({ touser: MKT })).toHaveLength(0)
  })

  it('a 47003 ends as a configuration error that HR admins see; nothing is retried', async () => {
    await startNotify(emu)
    grant(emu, REV_DEV, 'r1', [T.newRequest])
    grant(emu, REV_DEV_2, 'r3', [T.newRequest])
    emu.injectSendFault({ touser: REV_DEV, errcode: 47003, errmsg: 'argument invalid! data.thing3.value' })
    newRequest('m1')

    await tick(emu)
    const id = 'reviewNeeded_m1_req-1.r1'
    expect(notice(emu, id)).toMatchObject({ status: 'failed', reason: 'configError' })
    expect(notice(emu, id).detail).toContain('data.thing3.value')
    expect(ledgerLeft(emu, 'r1', T.newRequest)).toBe(1) // nothing was used

    const hr = await ok(emu, 'notify', 'inbox', {}, HR)
    expect(hr.problems).toEqual([
      expect.objectContaining({ id, reason: 'configError', kind: 'reviewNeeded' }),
    ])
    const reviewer = await ok(emu, 'notify', 'inbox', {}, REV_DEV)
    expect(reviewer.problems).toEqual([])
    expect(reviewer.items.map((i) => i.status)).toEqual(['failed'])

    await setNow(emu, '2026-11-27T03:00:00Z')
    await tick(emu)
    expect(emu.outbox({ touser: REV_DEV })).toHaveLength(0)
  })

  it('a 40037 (the template was deleted from the AppID in the console) is a configuration error too', async () => {
    await startNotify(emu)
    grant(emu, REV_DEV, 'r1', [T.newRequest])
    emu.injectSendFault({ touser: REV_DEV, errcode: 40037, errmsg: 'invalid template id' })
    newRequest('m1')
    await tick(emu)
    expect(notice(emu, 'reviewNeeded_m1_req-1.r1')).toMatchObject({ status: 'failed', reason: 'configError' })
    expect(notice(emu, 'reviewNeeded_m1_req-1.r1').detail).toMatch(/^40037/)
  })

  it('a timeout is retried with back-off and delivered later, once', async () => {
    await startNotify(emu)
    grant(emu, REV_DEV, 'r1', [T.newRequest])
    // WeChat answers after the sender gave up (5 s), with a system error
    emu.injectSendFault({ touser: REV_DEV, delayMs: 5_500, errcode: -1, errmsg: 'system error' })
    newRequest('m1')
    const id = 'reviewNeeded_m1_req-1.r1'

    // the run reads its "now" on the emulator clock between these two readings, however slow the machine is
    const before = emu.clock.now().getTime()
    await tick(emu)
    const after = emu.clock.now().getTime()
    expect(notice(emu, id)).toMatchObject({ status: 'pending', attempts: 1 })
    expect(notice(emu, id).detail).toContain('timeout')
    const retryAt = notice(emu, id).dueAt
    // the first back-off: 30 s after the run's now
    expect(retryAt.getTime()).toBeGreaterThanOrEqual(before + 30_000)
    expect(retryAt.getTime()).toBeLessThanOrEqual(after + 30_000)

    await tick(emu) // not yet due
    expect(notice(emu, id).attempts).toBe(1)

    await setNow(emu, retryAt)
    await tick(emu)
    expect(notice(emu, id)).toMatchObject({ status: 'delivered', attempts: 2 })
    expect(emu.outbox({ touser: REV_DEV })).toHaveLength(1)
  })

  it(`system errors are retried at most ${MAX_ATTEMPTS} times, then the notice fails with the reason`, async () => {
    await startNotify(emu)
    grant(emu, REV_DEV, 'r1', [T.newRequest])
    emu.injectSendFault({ touser: REV_DEV, errcode: -501001, errmsg: 'system error', times: 20 })
    newRequest('m1')
    const id = 'reviewNeeded_m1_req-1.r1'
    let at = new Date(NOW).getTime()
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) {
      await tick(emu)
      at += 60 * 60_000 // past any back-off
      await setNow(emu, new Date(at))
    }
    expect(notice(emu, id)).toMatchObject({
      status: 'failed',
      reason: 'retriesExhausted',
      attempts: MAX_ATTEMPTS,
    })
    expect(emu.subscribe.faults()[0].times).toBe(20 - MAX_ATTEMPTS)
    expect(emu.outbox()).toHaveLength(0)
  })

  it('a notice nobody can receive fails with noRecipient instead of disappearing', async () => {
    await startNotify(emu)
    newRequest('no-such-member', 'reviewNeeded_ghost')
    await tick(emu)
    expect(notice(emu, 'reviewNeeded_ghost')).toMatchObject({ status: 'failed', reason: 'noRecipient' })
  })
})

describe('the app side: subscribed, inbox, markRead', () => {
  it('records accepted template ids in the ledger (unknown ids ignored) and reports what is left', async () => {
    await startNotify(emu)
    const first = await ok(
      emu,
      'notify',
      'subscribed',
      { templateIds: [T.newRequest, T.pending, 'tmpl-unknown'] },
      REV_DEV,
    )
    expect(first.remaining).toEqual({ [T.newRequest]: 1, [T.pending]: 1 })
    expect(first.low).toBe(true)
    const again = await ok(
      emu,
      'notify',
      'subscribed',
      { templateIds: [T.newRequest, T.newRequest] },
      REV_DEV,
    )
    expect(again.remaining[T.newRequest]).toBe(2)
    expect(again.low).toBe(false)
    expect(again.ask.review).toEqual([T.newRequest, T.pending])
    expect(again.ask.submit).toEqual([T.decided, 'tmpl-special-decided', T.checkin])
  })

  it('lists notices newest first with paging, and marks them read for their owner only', async () => {
    await startNotify(emu)
    for (let i = 0; i < 3; i++)
      queue(emu, {
        kind: 'requestDecided',
        key: `requestDecided_m1_${i}`,
        audience: { kind: 'member', memberId: 'm1' },
        values: {
          day: '2026-11-2' + i,
          status: 'approved',
          note: '',
          reviewer: '李明',
          requestId: `m1_${i}`,
        },
        at: new Date(new Date(NOW).getTime() + i * 1000),
      })
    await tick(emu) // no authorisation: all fall back to in-app
    const page1 = await ok(emu, 'notify', 'inbox', { limit: 2 }, A)
    expect(page1.items.map((i) => i.id)).toEqual(['requestDecided_m1_2', 'requestDecided_m1_1'])
    expect(page1.unread).toBe(3)
    expect(page1.items[0].body).toBe('2026-11-22 的补卡申请已通过')
    const page2 = await ok(emu, 'notify', 'inbox', { limit: 2, cursor: page1.next! }, A)
    expect(page2.items.map((i) => i.id)).toEqual(['requestDecided_m1_0'])
    expect(page2.next).toBeNull()

    // another member cannot mark them
    expect((await ok(emu, 'notify', 'markRead', { ids: ['requestDecided_m1_2'] }, B)).unread).toBe(0)
    expect((await ok(emu, 'notify', 'inbox', {}, A)).unread).toBe(3)
    expect((await ok(emu, 'notify', 'markRead', { ids: ['requestDecided_m1_2'] }, A)).unread).toBe(2)
    expect((await ok(emu, 'notify', 'markRead', { all: true }, A)).unread).toBe(0)
  })

  it('refuses unbound callers, and the app cannot run the dispatcher', async () => {
    await startNotify(emu)
    expect((await call(emu, 'notify', 'inbox', {}, 'o-nobody')).result).toMatchObject({
      ok: false,
      code: 'NOT_BOUND',
    })
    const report = await emu.invoke('notify', { action: 'run' }, { openid: A })
    expect(report.result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await runFromFunction(emu, { action: 'dispatch' })).result).toMatchObject({ ok: true })
  })
})
