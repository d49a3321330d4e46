// Debian's Chromium through playwright-core (never `playwright install`), as a phone: touch, 375×667.
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { emulatorNow } from './now'

export const SCREENSHOTS = path.resolve(__dirname, '../screenshots')

export interface Phone {
  browser: Browser
  context: BrowserContext
  page: Page
  /** console errors and failed requests seen so far, for failure messages */
  problems: string[]
  /** JavaScript exceptions of the app so far: each one fails the test (`check`) */
  errors: string[]
  /** prints the problems, then fails if the app threw (call it in afterEach) */
  check(): void
  shot(name: string): Promise<void>
  close(): Promise<void>
}

/** `privacyAgreed`: the app's privacy guide counts as agreed already (tests of other journeys skip its sheet). */
export async function openPhone({ privacyAgreed = true }: { privacyAgreed?: boolean } = {}): Promise<Phone> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // without the networking flags Chromium floods the closed network with refused connections; playwright gives
    // every launch a fresh temporary profile itself
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
  })
  if (privacyAgreed)
    await context.addInitScript(() =>
      localStorage.setItem('privacy-guide', JSON.stringify({ data: 'agreed' })),
    )
  // the page's clock starts where the emulator's is (the pinned instant of the run), and runs
  await context.clock.install({ time: emulatorNow() })
  const page = await context.newPage()
  const problems: string[] = []
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  page.on('pageerror', (e) => {
    problems.push(`pageerror: ${e.message}`)
    errors.push(`${e.message}\n${e.stack ?? ''}`)
  })
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  return {
    browser,
    context,
    page,
    problems,
    errors,
    check: () => {
      if (problems.length) console.warn(problems.join('\n'))
      problems.length = 0
      const thrown = errors.splice(0)
      if (thrown.length)
        throw new Error(`the app threw ${thrown.length} JavaScript error(s):\n${thrown.join('\n')}`)
    },
    shot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
    },
    close: async () => {
      await browser.close()
    },
  }
}

/**
 * Taro slides a new page in after navigateTo; wait until the top page has settled (Taro marks it
 * `taro_page_stationed` when its transition ends) before looking or taking a picture.
 */
export const afterNavigation = (page: Page) =>
  page.waitForFunction(() => {
    const top = document.querySelector('.taro_router > .taro_page:last-child')
    return (
      !!top && (top.classList.contains('taro_page_stationed') || top.classList.contains('taro_tabbar_page'))
    )
  })

/** Confirms the picker that is open (Taro H5's picker: an overlay with 取消 / 确定). */
export const confirmPicker = (page: Page) =>
  page.locator('.weui-picker__action:visible', { hasText: '确定' }).tap()
