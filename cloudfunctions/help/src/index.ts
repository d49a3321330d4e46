// help: help-centre tickets. Members open tickets (category, text, screenshots) and follow their status and
// replies; HR admins see the company's open tickets and reply. Every read is keyed by the caller's company.
import { makeMain } from '@server/router'
import { queue, reply } from './handlers/hr'
import { detail, mine, open } from './handlers/member'

export const main = makeMain('help', { open, mine, detail, queue, reply })
