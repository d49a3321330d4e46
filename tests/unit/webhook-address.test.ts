// Where a webhook may send. The decision is taken on the address the socket would use, whatever notation the URL
// writes it in; the connect-time check is driven with an injected resolver and a connector that only records
// what it would dial: nothing here opens a connection.
import { isPublicAddress, judgeWebhookUrl } from '../../cloudfunctions/admin/src/webhook/address'
import {
  postSigned,
  type Dial,
  type Network,
  type Resolved,
} from '../../cloudfunctions/admin/src/webhook/http'

const allowed = (url: string, loopbackHttp = false) => judgeWebhookUrl(url, loopbackHttp).ok

describe('webhook address at save time', () => {
  it.each([
    'https://erp.example.com/hooks/budaka',
    'https://erp.example.com:8443/h?x=1',
    'https://erp.example.com./h', // a trailing dot names the same public host
    'https://8.8.8.8/hook',
    'https://134744072/hook', // 8.8.8.8 as one number
    'https://172.32.0.1/hook',
    'https://[2001:4860:4860::8888]/hook',
    'https://[::ffff:8.8.8.8]/hook',
    'https://例子.测试/hook',
  ])('allows %s', (url) => {
    expect(allowed(url)).toBe(true)
  })

  it.each([
    // the metadata service and loopback in every IPv4 notation the URL parser accepts
    'https://169.254.169.254/latest/meta-data',
    'https://169.254.43518/',
    'https://0xa9.0xfe.0xa9.0xfe/',
    'https://0251.0376.0251.0376/',
    'https://2852039166/',
    'https://0xA9FEA9FE/',
    'https://10.1/',
    'https://10.0.0.5/hook',
    'https://0x7f.0.0.1:8443/',
    'https://127.1/',
    'https://0177.0.0.1/',
    'https://2130706433/hook',
    'https://0/',
    'https://0.0.0.0/',
    'https://127.0.0.1./', // trailing dot
    'https://%31%32%37.0.0.1/', // percent escapes
    'https://１２７.０.０.１/', // full-width digits (IDNA maps them)
    'https://127。0。0。1/', // ideographic full stops
    'https://172.20.1.1/hook',
    'https://192.168.1.10/hook',
    'https://100.64.0.1/',
    'https://192.0.0.8/',
    'https://198.18.0.1/',
    'https://224.0.0.1/',
    'https://255.255.255.255/',
    // IPv6: loopback, unspecified, unique-local, link-local, mapped, translated, NAT64, 6to4, Teredo
    'https://[::1]/',
    'https://[::]/',
    'https://[0:0:0:0:0:0:0:1]/',
    'https://[fd12:3456::1]/',
    'https://[fe80::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://[::ffff:0:a9fe:a9fe]/',
    'https://[64:ff9b::a9fe:a9fe]/',
    'https://[2002:a9fe:a9fe::]/',
    'https://[2001::1]/',
    'https://[::127.0.0.1]/',
    // internal names, the cloud metadata hosts among them
    'https://localhost/hook',
    'https://LOCALHOST./hook',
    'https://a.localhost/hook',
    'https://metadata.tencentyun.com/latest/meta-data/',
    'https://metadata.tencentyun.com./',
    'https://metadata.google.internal/',
    'https://erp.corp.internal/hook',
    'https://printer.local/',
    'https://intranet/',
    // user-info, schemes, plain http outside development, malformed
    'https://user:pw@erp.example.com/h',
    'https://erp.example.com@127.0.0.1/',
    'https://@erp.example.com/',
    'http://erp.example.com/hook',
    'http://127.0.0.1:4000/hook',
    'ftp://erp.example.com',
    'file:///etc/passwd',
    'https://erp.example.com/a b',
    'https:\\\\127.0.0.1\\',
    'https://erp.example.com\t/',
    'https://',
    'not a url',
  ])('refuses %s', (url) => {
    expect(allowed(url)).toBe(false)
  })

  it('allows plain http only to loopback, and only where development allows it', () => {
    for (const url of [
      'http://127.0.0.1:4000/hook',
      'http://localhost/hook',
      'http://[::1]:80/h',
      'http://0x7f.1/',
    ])
      expect([url, allowed(url, true), allowed(url, false)]).toEqual([url, true, false])
    for (const url of ['http://erp.example.com/', 'http://10.0.0.1/', 'http://169.254.169.254/'])
      expect(allowed(url, true)).toBe(false)
  })

  it('normalises what it judges: the target names the dotted address and the Host header', () => {
    expect(judgeWebhookUrl('https://0x8.8.2056/h?q=1', false)).toEqual({
      ok: true,
      target: {
        secure: true,
        hostname: '8.8.8.8',
        literal: '8.8.8.8',
        port: 443,
        path: '/h?q=1',
        hostHeader: '8.8.8.8',
        loopbackOnly: false,
      },
    })
    expect(judgeWebhookUrl('https://ERP.Example.com.:8443/x', false)).toMatchObject({
      ok: true,
      target: { hostname: 'erp.example.com', literal: null, port: 8443, hostHeader: 'erp.example.com:8443' },
    })
  })

  it.each([
    ['8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['::ffff:8.8.8.8', true],
    ['::1', false],
    ['::ffff:10.1.2.3', false],
    ['fd12:3456::1', false],
    ['fe80::1%eth0', false],
    ['100.64.0.1', false],
    ['100.128.0.1', true],
    ['169.254.0.23', false],
    ['0x7f.0.0.1', false], // not an address as DNS gives it
  ])('an address DNS gives, %s, is public: %s', (address, pub) => {
    expect(isPublicAddress(address)).toBe(pub)
  })
})

describe('webhook address at connect time', () => {
  function network(answers: Record<string, Resolved[]>, allowLoopbackHttp = false) {
    const dialled: Dial[] = []
    const resolved: string[] = []
    const net: Network = {
      allowLoopbackHttp,
      resolve: async (host) => {
        resolved.push(host)
        if (!answers[host]) throw new Error('ENOTFOUND')
        return answers[host]
      },
      connect: async (dial) => {
        dialled.push(dial)
        return { status: 200, error: null }
      },
    }
    return { net, dialled, resolved }
  }
  const now = new Date('2026-11-27T02:00:00Z')
  const send = (url: string, net: Network) => postSigned(url, 'whsec-0123456789abcdef', {}, '{}', now, net)

  it('dials the checked address, keeping the name for TLS and the Host header', async () => {
    const n = network({ 'erp.example.com': [{ address: '93.184.216.34', family: 4 }] })
    expect(await send('https://erp.example.com:8443/hook?x=1', n.net)).toEqual({ status: 200, error: null })
    expect(n.dialled).toHaveLength(1)
    expect(n.dialled[0]).toMatchObject({
      secure: true,
      address: '93.184.216.34',
      family: 4,
      port: 8443,
      path: '/hook?x=1',
      servername: 'erp.example.com',
      headers: { host: 'erp.example.com:8443' },
    })
  })

  it.each([
    [[{ address: '169.254.0.23', family: 4 }]], // metadata.tencentyun.com's answer
    [[{ address: '127.0.0.1', family: 4 }]],
    [[{ address: '::ffff:10.0.0.1', family: 6 }]],
    [[{ address: 'fd00::1', family: 6 }]],
    // a rebinding name handing out a public and an internal address
    [
      [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ],
    ],
    [[]],
  ])('refuses a public-looking name that resolves to %j, and dials nothing', async (answer) => {
    const n = network({ 'erp.example.com': answer })
    const outcome = await send('https://erp.example.com/hook', n.net)
    expect(outcome.status).toBeNull()
    expect(outcome.error).toMatch(/address refused/)
    expect(n.dialled).toEqual([])
  })

  it('judges a stored URL again (saved under older rules), without resolving it', async () => {
    const n = network({})
    for (const url of ['https://169.254.43518/', 'https://0x7f.0.0.1:9/', 'http://127.0.0.1:9/'])
      expect((await send(url, n.net)).error).toMatch(/address refused/)
    expect(n.resolved).toEqual([])
    expect(n.dialled).toEqual([])
  })

  it('dials a literal address as it is, and loopback http only in development and only to loopback', async () => {
    const dev = network({ localhost: [{ address: '127.0.0.1', family: 4 }] }, true)
    await send('http://127.0.0.1:4000/h', dev.net)
    await send('http://localhost:4000/h', dev.net)
    expect(dev.dialled.map((d) => [d.secure, d.address, d.port, d.servername])).toEqual([
      [false, '127.0.0.1', 4000, null],
      [false, '127.0.0.1', 4000, null],
    ])
    expect(dev.resolved).toEqual(['localhost'])
    const rebound = network({ localhost: [{ address: '10.0.0.1', family: 4 }] }, true)
    expect((await send('http://localhost:4000/h', rebound.net)).error).toMatch(/address refused/)
    expect(rebound.dialled).toEqual([])
  })

  it('reports a name that does not resolve', async () => {
    const n = network({})
    expect((await send('https://nowhere.example.com/', n.net)).error).toMatch(/cannot resolve/)
    expect(n.dialled).toEqual([])
  })
})
