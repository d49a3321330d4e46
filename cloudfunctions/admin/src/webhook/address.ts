// Where a webhook may send: the decision is made on the address the socket will really use. The URL is parsed
// by WHATWG URL (as Node's http does), which already turns every IPv4 notation (decimal, octal, hex, short forms,
// percent and full-width escapes) into dotted quads and IPv6 into its canonical form; ipaddr.js then names the
// range. Only public unicast addresses pass; plain http only to loopback, and only where the emulator allows it.
import net from 'node:net'
import ipaddr from 'ipaddr.js'

export interface WebhookTarget {
  secure: boolean
  /** lower case, no brackets, no trailing dot: what is resolved (or the address itself) */
  hostname: string
  /** the address when the URL names one, else null (then it is resolved at connect time) */
  literal: string | null
  port: number
  /** path and query, as sent on the request line */
  path: string
  /** the Host header: the URL's host as written after normalisation */
  hostHeader: string
  /** plain http to this machine: the address it resolves to must be loopback too */
  loopbackOnly: boolean
}

export type AddressVerdict = { ok: true; target: WebhookTarget } | { ok: false; why: string }

/** Names that are never the internet: cloud metadata services, local and private suffixes. */
const INTERNAL_NAMES = new Set([
  'localhost',
  'metadata',
  'metadata.tencentyun.com',
  'metadata.google.internal',
  'instance-data',
  'instance-data.ec2.internal',
])
const INTERNAL_SUFFIXES = [
  '.localhost',
  '.local',
  '.internal',
  '.intranet',
  '.lan',
  '.corp',
  '.home.arpa',
  '.arpa',
]

/**
 * An address (v4 or v6, as DNS or a URL gives it) on the public internet: unicast, outside every special range.
 * An IPv4-mapped IPv6 address is judged as the IPv4 address it reaches; other IPv6 forms that embed IPv4
 * (translated, NAT64, 6to4, Teredo) are special ranges and refused outright.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address) || !net.isIP(address)) return false
  let ip = ipaddr.parse(address)
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address()
  if (ip.range() !== 'unicast') return false
  // IPv6: only global unicast 2000::/3 is routed on the internet
  return ip.kind() === 'ipv4' || ip.match(ipaddr.parseCIDR('2000::/3'))
}

export function isLoopbackAddress(address: string): boolean {
  if (!net.isIP(address)) return false
  let ip = ipaddr.parse(address)
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address()
  return ip.range() === 'loopback'
}

function internalName(host: string): boolean {
  if (INTERNAL_NAMES.has(host)) return true
  if (INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) return true
  // a single label is completed by the resolver's search list: a name inside the network
  return !host.includes('.')
}

/**
 * The decision on a webhook URL. `allowLoopbackHttp` is for the emulator and tests only (receivers on this
 * machine); production sends https to public hosts only.
 */
export function judgeWebhookUrl(raw: unknown, allowLoopbackHttp: boolean): AddressVerdict {
  // control characters, spaces and backslashes are rewritten by the URL parser: refused rather than guessed at
  // eslint-disable-next-line no-control-regex
  if (typeof raw !== 'string' || raw.length > 500 || /[\u0000-\u0020\u007f\\]/.test(raw))
    return { ok: false, why: 'malformed' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, why: 'malformed' }
  }
  if (url.username || url.password || /^[a-z]+:\/\/[^/?#]*@/i.test(raw))
    return { ok: false, why: 'credentials' }
  const secure = url.protocol === 'https:'
  if (!secure && url.protocol !== 'http:') return { ok: false, why: 'scheme' }
  const hostname = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.+$/, '')
    .toLowerCase()
  if (!hostname) return { ok: false, why: 'malformed' }
  const literal = net.isIP(hostname) ? hostname : null
  const port = url.port ? Number(url.port) : secure ? 443 : 80
  const target: WebhookTarget = {
    secure,
    hostname,
    literal,
    port,
    path: `${url.pathname}${url.search}`,
    hostHeader: url.host.replace(/\.+(?=(:\d+)?$)/, ''),
    loopbackOnly: false,
  }
  if (!secure) {
    const loopback = literal ? isLoopbackAddress(literal) : hostname === 'localhost'
    if (allowLoopbackHttp && loopback) return { ok: true, target: { ...target, loopbackOnly: true } }
    return { ok: false, why: 'scheme' }
  }
  if (literal) return isPublicAddress(literal) ? { ok: true, target } : { ok: false, why: 'internal' }
  return internalName(hostname) ? { ok: false, why: 'internal' } : { ok: true, target }
}

/** Whether a resolved address may be dialled for this target. */
export function mayDial(target: WebhookTarget, address: string): boolean {
  return target.loopbackOnly ? isLoopbackAddress(address) : isPublicAddress(address)
}

/** The emulator marks its function instances; plain http to loopback is for local development and tests only. */
export const loopbackHttpAllowed = () => process.env.BUDAKA_EMULATOR === '1'
