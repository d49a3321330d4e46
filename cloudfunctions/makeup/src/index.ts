// makeup: allowed slots, submit / list / detail / withdraw / resubmit requests, special handling past the window, asking HR to enable make-up (申请开通).
import { makeMain } from '@server/router'
import { requestAccess } from './handlers/access'
import { detail } from './handlers/detail'
import { list } from './handlers/list'
import { resubmit } from './handlers/resubmit'
import { slots } from './handlers/slots'
import { special, specials } from './handlers/special'
import { submit } from './handlers/submit'
import { withdraw } from './handlers/withdraw'

export const main = makeMain('makeup', {
  slots,
  submit,
  list,
  detail,
  withdraw,
  resubmit,
  special,
  specials,
  requestAccess,
})
