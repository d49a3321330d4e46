export default async function globalTeardown(): Promise<void> {
  const emulator = (globalThis as { __E2E_EMULATOR__?: { close(): Promise<void> } }).__E2E_EMULATOR__
  await emulator?.close()
}
