// The lock folder a build of the app holds while it writes its output (scripts/build-if-stale.mjs), shared with
// what waits for that output (the weapp page tests: tests/mp/wechat/environment.js). CommonJS so both can load it.
const { existsSync, statSync } = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
// older than this, the lock was left by a killed build
const LOCK_STALE_MS = 5 * 60_000

/** the lock folder of one platform's build */
const lockOf = (platform) => path.join(root, '.tmp', `build-${platform}.lock`)

/** whether a live build (not one killed long ago) holds the platform's lock */
const isBuilding = (platform) => {
  const lock = lockOf(platform)
  return existsSync(lock) && Date.now() - statSync(lock).mtimeMs < LOCK_STALE_MS
}

module.exports = { lockOf, isBuilding }
