#!/usr/bin/env node
// `cloudbase-emulator --port 9100 --data DIR …`: the emulator's CLI as an installable bin (its sources are TypeScript).
require('tsx/cjs/api').register()
require('./cli.ts')
