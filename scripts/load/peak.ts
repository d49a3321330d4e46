// `npm run load -- [--members 2000] [--clients 50] [--reviewers 5] [--seconds 60]`: the morning peak through the
// H5 gateway (loopback only); prints a Markdown report; exits 1 on any error, unfinished work or invariant breach.
import { cli } from './cli'

cli({ members: 2000, clients: 50, reviewers: 5, seconds: 60, kills: 0, instances: 4 }).catch((err) => {
  console.error(err)
  process.exit(1)
})
