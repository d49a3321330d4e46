// `npm run crash -- [--kills 10] [--members 2000] [--clients 50] [--reviewers 5] [--seconds 300] [--seed N]`: the morning
// peak while the emulator is SIGKILLed `kills` times and restarted on the same data folder; the clients retry
// with the same request ids. Exits 1 on any error, breach after a restart, or lost acknowledged write.
import { cli } from './cli'

cli({ members: 2000, clients: 50, reviewers: 5, seconds: 300, kills: 10, instances: 4 }).catch((err) => {
  console.error(err)
  process.exit(1)
})
