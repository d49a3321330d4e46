// Debian's Chromium through playwright-core (never `playwright install`), as a phone: touch, 375×667.
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const SCREENSHOTS = path.resolve(__dirname, '../screenshots')

export interface Phone {
  browser: Browser
  context: BrowserContext
  page: Page
  /** console errors and failed requests seen so far, for failure messages */
  problems: string[]
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
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  return {
    browser,
    context,
    page,
    problems,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
    },
    close: async () => {
      await browser.close()
    },
  }
}

/** Taro slides a new page in after navigateTo; wait for it before looking or taking a picture. */
export const afterNavigation = (page: Page) => page.waitForTimeout(800)
