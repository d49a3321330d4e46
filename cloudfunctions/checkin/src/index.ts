// checkin: who am I, bind to a company, today's check-in, my month, the region's identity checks.
import { makeMain } from '@server/router'
import { bind } from './handlers/bind'
import { me } from './handlers/me'
import { month } from './handlers/month'
import { submit } from './handlers/submit'
import { bindPhone, soterChallenge, verification, verifySoter } from './handlers/verify'

export const main = makeMain('checkin', {
  me,
  bind,
  submit,
  month,
  verification,
  bindPhone,
  soterChallenge,
  verifySoter,
})
