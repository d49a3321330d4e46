import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { checkField } from './fields'

export interface Template {
  title: string
  /** field key → type, e.g. { "thing1": "thing", "time2": "time" } */
  fields: Record<string, string>
}

export interface OutboxMessage {
  msgid: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  lang?: string
  /** emulator-clock time of the send */
  sentAt: string
  /** the function that sent it, when it came from one */
  functionName?: string
  invocationId?: string
}

/** A planned failure or delay for the next matching send (tests simulate 43101, timeouts, …). */
export interface SendFault {
  touser?: string
  templateId?: string
  errcode?: number
  errmsg?: string
  delayMs?: number
  /** how many sends it applies to; default 1 */
  times?: number
}

/** WeChat's JSON answer: errcode 0 and msgid on success. */
export interface SendAnswer {
  errcode: number
  errmsg: string
  msgid?: string
}

interface State {
  /** openid → template id → remaining one-time authorisations */
  grants: Record<string, Record<string, number>>
  outbox: OutboxMessage[]
  faults: SendFault[]
}

const rid = () => randomUUID().replace(/-/g, '').slice(0, 24)
const fail = (errcode: number, errmsg: string): SendAnswer => ({ errcode, errmsg: `${errmsg} rid: ${rid()}` })

/**
 * Subscribe messages: a template registry, each user's one-time authorisations, WeChat's validation of `send`,
 * and an outbox of accepted messages. State is kept in `<dataDir>/subscribe.json` when there is a data folder.
 */
export class SubscribeService {
  private state: State = { grants: {}, outbox: [], faults: [] }
  private readonly file: string | null
  private readonly now: () => Date
  private readonly appPages?: string[]

  constructor(
    private readonly templates: Record<string, Template>,
    opts: { dataDir: string | null; now: () => Date; appPages?: string[] },
  ) {
    this.now = opts.now
    this.appPages = opts.appPages
    this.file = opts.dataDir ? path.join(opts.dataDir, 'subscribe.json') : null
    if (this.file && fs.existsSync(this.file))
      this.state = { ...this.state, ...JSON.parse(fs.readFileSync(this.file, 'utf8')) }
  }

  listTemplates(): Record<string, Template> {
    return this.templates
  }

  hasTemplate(id: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.templates, id)
  }

  /** What `wx.requestSubscribeMessage` does on "accept": one more one-time authorisation per template. */
  grant(openid: string, templateIds: string[], count = 1): void {
    const ledger = (this.state.grants[openid] ??= {})
    for (const id of templateIds) ledger[id] = (ledger[id] ?? 0) + count
    this.save()
  }

  /** one user's remaining one-time authorisations, by template id */
  grants(openid: string): Record<string, number> {
    return { ...(this.state.grants[openid] ?? {}) }
  }

  allGrants(): Record<string, Record<string, number>> {
    return structuredClone(this.state.grants)
  }

  outbox(filter: { touser?: string; templateId?: string } = {}): OutboxMessage[] {
    return this.state.outbox.filter(
      (m) =>
        (!filter.touser || m.touser === filter.touser) &&
        (!filter.templateId || m.templateId === filter.templateId),
    )
  }

  injectFault(fault: SendFault): void {
    this.state.faults.push({ ...fault, times: fault.times ?? 1 })
    this.save()
  }

  faults(): SendFault[] {
    return [...this.state.faults]
  }

  reset(): void {
    this.state = { grants: {}, outbox: [], faults: [] }
    this.save()
  }

  exportState(): State {
    return structuredClone(this.state)
  }

  importState(state: Partial<State>): void {
    this.state = { grants: state.grants ?? {}, outbox: state.outbox ?? [], faults: state.faults ?? [] }
    this.save()
  }

  /** `subscribeMessage.send`, checked in this order: fault, openid, template, page, field values, authorisation. */
  async send(
    req: {
      touser?: string
      template_id?: string
      page?: string
      data?: unknown
      miniprogram_state?: string
      lang?: string
    },
    origin: { functionName?: string; invocationId?: string } = {},
  ): Promise<SendAnswer> {
    const touser = String(req.touser ?? '')
    const templateId = String(req.template_id ?? '')
    const fault = this.takeFault(touser, templateId)
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs))
    if (fault?.errcode) return fail(fault.errcode, fault.errmsg ?? 'injected failure')
    if (!touser) return fail(40003, 'invalid openid')
    const template = this.hasTemplate(templateId) ? this.templates[templateId] : undefined
    if (!template) return fail(40037, 'invalid template id')
    if (req.page !== undefined && !this.pageOk(String(req.page))) return fail(41030, 'invalid page')
    const data = (req.data && typeof req.data === 'object' ? req.data : {}) as Record<
      string,
      { value?: unknown }
    >
    for (const [key, type] of Object.entries(template.fields)) {
      const problem = checkField(type, data[key]?.value)
      if (problem) return fail(47003, `argument invalid! data.${key}.value ${problem}`)
    }
    const ledger = this.state.grants[touser] ?? {}
    if (!ledger[templateId]) return fail(43101, 'user refuse to accept the msg')
    ledger[templateId] -= 1
    const msgid = String(Date.now()) + String(Math.floor(Math.random() * 1e6)).padStart(6, '0')
    const fields = Object.fromEntries(
      Object.keys(template.fields).map((k) => [k, { value: String(data[k]!.value) }]),
    )
    this.state.outbox.push({
      msgid,
      touser,
      templateId,
      page: req.page,
      data: fields,
      miniprogramState: req.miniprogram_state,
      lang: req.lang,
      sentAt: this.now().toISOString(),
      ...origin,
    })
    this.save()
    return { errcode: 0, errmsg: 'ok', msgid }
  }

  private pageOk(page: string): boolean {
    const [route] = page.split('?')
    if (!/^[\w-]+(\/[\w-]+)*$/.test(route)) return false
    return !this.appPages || this.appPages.includes(route)
  }

  private takeFault(touser: string, templateId: string): SendFault | undefined {
    const i = this.state.faults.findIndex(
      (f) => (!f.touser || f.touser === touser) && (!f.templateId || f.templateId === templateId),
    )
    if (i < 0) return undefined
    const fault = this.state.faults[i]
    fault.times = (fault.times ?? 1) - 1
    if (fault.times <= 0) this.state.faults.splice(i, 1)
    this.save()
    return fault
  }

  private save(): void {
    if (!this.file) return
    const tmp = `${this.file}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(this.state))
    fs.renameSync(tmp, this.file)
  }
}

export function loadTemplates(file: string | undefined): Record<string, Template> {
  if (!file || !fs.existsSync(file)) return {}
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Template>
}
