// One function instance (like an SCF container): loads the bundle once, runs one invocation at a time.
// Plain CommonJS so Node can start it as a worker thread without any TypeScript loader.
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const Module = require('node:module')

// bundles outside the project still resolve `wx-server-sdk` from the project's node_modules
if (workerData.nodePath) {
  process.env.NODE_PATH = [workerData.nodePath, process.env.NODE_PATH]
    .filter(Boolean)
    .join(require('node:path').delimiter)
  Module._initPaths()
}

// an unhandled rejection must not take the instance down (SCF logs it and keeps the container)
process.on('unhandledRejection', (reason) => {
  console.error(`[${workerData.name}] unhandled rejection:`, reason)
})

let exported = null
let contextKeys = []

parentPort.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return
  for (const key of contextKeys) delete process.env[key]
  contextKeys = Object.keys(msg.env)
  Object.assign(process.env, msg.env)
  try {
    if (!exported) exported = require(workerData.file)
    if (typeof exported.main !== 'function')
      throw new Error(`${workerData.name}/index.js does not export main`)
    // the configured timeout counts from here: loading the bundle is the cold start, not the invocation
    parentPort.postMessage({ type: 'started', id: msg.id })
    const result = await exported.main(msg.event, msg.context)
    // CloudBase hands back the JSON form of what main returns
    const json = result === undefined ? 'null' : JSON.stringify(result)
    parentPort.postMessage({ type: 'result', id: msg.id, json: json === undefined ? 'null' : json })
  } catch (err) {
    const e = err instanceof Error ? err : new Error(typeof err === 'string' ? err : JSON.stringify(err))
    parentPort.postMessage({
      type: 'error',
      id: msg.id,
      error: { name: e.name, message: e.message, stack: e.stack },
    })
  }
})
