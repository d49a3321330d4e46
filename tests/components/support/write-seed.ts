// `node --import tsx tests/components/support/write-seed.ts FILE`: the demo company's seed for today, as the
// emulator's --seed file (EJSON).
import fs from 'node:fs'
import { EJSON } from 'bson'
import { buildDemoSeed } from '@database/seed'

fs.writeFileSync(process.argv[2], EJSON.stringify(buildDemoSeed(new Date()), { relaxed: false }))
