// checkin: who am I, bind to a company, today's check-in, my month.
import { makeMain } from '@server/router'
import { bind } from './handlers/bind'
import { me } from './handlers/me'
import { month } from './handlers/month'
import { submit } from './handlers/submit'

export const main = makeMain('checkin', { me, bind, submit, month })
