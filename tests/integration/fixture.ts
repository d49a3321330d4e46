// The one set-up of every integration file: which functions it drives, what storage holds, and the data and clock
// each test starts from. A test file states only these; start-up, its timeout and shutdown live here.
import type { Emulator } from '@emulator/index'
import { load, setNow, startFunctionsEmulator, uploadFixtureFiles } from './harness'

/** Building functions and starting workers takes minutes on a busy 2-core machine, never jest's 5 s. */
export const START_TIMEOUT = 300_000
/** Loading a test's data (thousands of documents for some) and moving the clock, which may fire timers. */
export const SEED_TIMEOUT = 120_000

export interface Setup {
  /** the functions the file drives (only those are built) */
  functions?: string[]
  /** function instances per function at most (the emulator's default is 4) */
  maxInstances?: number
  /** the fixture's files in storage (uploadFixtureFiles) */
  files?: boolean
  /** once after start-up: more files, log capture, warm instances, data shared by every test */
  ready?: (emu: Emulator) => unknown
  /** before each test: the database it starts from (returned collections are loaded, replacing everything) */
  data?: (emu: Emulator) => Record<string, object[]> | void
  /** before each test, after `data`: the emulator clock */
  at?: string | Date
}

/**
 * Starts the emulator with its functions before all tests (with a generous timeout of its own), closes it after,
 * and before each test loads `data` and sets the clock to `at`. Returns the emulator as a handle that module-level
 * helpers can hold; it answers once the start-up has run.
 */
export function useEmulator(setup: Setup = {}): Emulator {
  let emu: Emulator | undefined
  beforeAll(async () => {
    emu = await startFunctionsEmulator(setup.functions, { maxInstances: setup.maxInstances })
    if (setup.files) uploadFixtureFiles(emu)
    await setup.ready?.(emu)
  }, START_TIMEOUT)
  afterAll(() => emu?.close(), START_TIMEOUT)
  if (setup.data || setup.at)
    beforeEach(async () => {
      const collections = setup.data?.(emu!)
      if (collections) load(emu!, collections)
      if (setup.at) await setNow(emu!, setup.at)
    }, SEED_TIMEOUT)
  return new Proxy({} as Emulator, {
    get(_, key) {
      if (!emu)
        throw new Error(`the emulator is not started yet (reading ${String(key)} outside a test or hook)`)
      const value = Reflect.get(emu, key, emu)
      return typeof value === 'function' ? value.bind(emu) : value
    },
  })
}
