// The emulator console: plain HTML + a little script over /control/* (no build step, no CDN).
export const CONSOLE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CloudBase emulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#1d2b3a;color:#fff;padding:10px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header b{font-size:16px}.dev{background:#c0392b;padding:2px 8px;border-radius:4px;font-size:12px}
nav button{background:none;border:0;color:#cfe;cursor:pointer;padding:4px 8px;font-size:14px}
nav button.on{color:#fff;border-bottom:2px solid #fff}
main{padding:16px}table{border-collapse:collapse;width:100%;background:#fff}
td,th{border-bottom:1px solid #e3e6ea;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
th{background:#eef1f4}pre{margin:0;white-space:pre-wrap;word-break:break-all;max-height:240px;overflow:auto;font-size:12px}
button.act{cursor:pointer;margin:2px}textarea{width:100%;height:120px;font:12px monospace}
.msg{border:1px solid #ddd;border-radius:6px;padding:6px 8px;min-width:220px}.muted{color:#888}.warn{color:#b35c00}.err{color:#c0392b}.row{display:flex;gap:16px}.col{flex:1;min-width:0}
.list a{display:block;padding:3px 6px;cursor:pointer}.list a.on{background:#dde7f3}
</style></head><body>
<header><b>CloudBase emulator</b><span class="dev">LOCAL DEV ONLY · not WeChat</span>
<nav id="tabs"></nav><span style="flex:1"></span>
<a href="/app/" style="color:#cfe">open the app</a><label>app acts as <select id="who"></select></label>
<button class="act" onclick="resetAll(false)">reset (empty)</button><button class="act" onclick="resetAll(true)">reset to seed</button>
</header><main id="main"></main>
<script>
const CONTROL_TOKEN = __CONTROL_TOKEN__
const tabs = ['data', 'log', 'outbox', 'files', 'triggers', 'identities']
let tab = location.hash.slice(1) || 'data', coll = null
const $ = (s) => document.querySelector(s)
const esc = (v) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>'
async function api(path, opts = {}) {
  const r = await fetch('/control/' + path, { ...opts, headers: { 'content-type': 'application/json', 'x-emulator-token': CONTROL_TOKEN } })
  const body = await r.json()
  if (!r.ok) { alert(body.message || r.status); throw new Error(body.message) }
  return body
}
function nav() {
  $('#tabs').innerHTML = tabs.map((t) => '<button class="' + (t === tab ? 'on' : '') + '" onclick="go(\\'' + t + '\\')">' + t + '</button>').join('')
}
function go(t) { tab = t; location.hash = t; render() }
async function resetAll(seed) { if (confirm('Reset all emulator data' + (seed ? ' to the seed' : '') + '?')) { await api('reset', { method: 'POST', body: JSON.stringify({ seed }) }); render() } }
// the H5 app served under /app/ keeps its dev identity with Taro's storage format under 'dev-openid'
const ID_KEY = 'dev-openid'
const currentId = () => { try { return JSON.parse(localStorage.getItem(ID_KEY) || '{}').data || '' } catch (e) { return '' } }
async function who() {
  const ids = await api('identities')
  const cur = currentId()
  $('#who').innerHTML = '<option value="">(app default)</option>' + ids.map((i) => '<option value="' + esc(i.openid) + '"' + (i.openid === cur ? ' selected' : '') + '>' + esc(i.label) + ' · ' + esc(i.openid) + '</option>').join('')
  $('#who').onchange = (e) => e.target.value ? localStorage.setItem(ID_KEY, JSON.stringify({ data: e.target.value })) : localStorage.removeItem(ID_KEY)
}
const views = {
  async data() {
    const cols = await api('collections')
    if (!coll && cols.length) coll = cols[0].name
    const docs = coll ? await api('collections/' + encodeURIComponent(coll) + '?limit=100') : []
    return '<div class="row"><div class="list" style="width:220px">' + cols.map((c) => '<a class="' + (c.name === coll ? 'on' : '') + '" onclick="coll=\\'' + esc(c.name) + '\\';render()">' + esc(c.name) + ' (' + c.count + ')</a>').join('') + '</div>' +
      '<div class="col"><h3>' + esc(coll || 'no collections') + '</h3>' +
      (coll ? '<textarea id="doc" placeholder="a document as JSON (with _id) to insert or replace"></textarea><button class="act" onclick="saveDoc()">save document</button>' : '') +
      '<table><tr><th>_id</th><th>document</th><th></th></tr>' + docs.map((d) => '<tr><td>' + esc(d._id) + '</td><td>' + json(d) + '</td><td><button class="act" onclick=\\'editDoc(' + esc(JSON.stringify(d)) + ')\\'>edit</button><button class="act" onclick="delDoc(\\'' + esc(d._id) + '\\')">delete</button></td></tr>').join('') + '</table></div></div>'
  },
  async log() {
    const rows = (await api('log?limit=300')).reverse()
    return '<table><tr><th>time</th><th>function</th><th>openid</th><th>action</th><th>collection / query</th><th>round trips</th><th>ms</th><th>notes</th></tr>' + rows.map((e) =>
      '<tr><td>' + esc(e.at.slice(11, 23)) + '</td><td>' + esc(e.functionName || '') + '</td><td>' + esc(e.openid || '') + '</td><td>' + esc(e.action) + '</td><td>' + esc(e.collection || '') + (e.query !== undefined ? json(e.query) : '') + '</td><td>' + (e.roundTrips ?? '') + '</td><td>' + e.durationMs + '</td><td>' +
      (e.error ? '<span class="err">' + esc(e.error.code + ': ' + e.error.message) + '</span>' : '') + (e.warnings || []).map((w) => '<div class="warn">' + esc(w) + '</div>').join('') + '</td></tr>').join('') + '</table>'
  },
  async outbox() {
    // each sent message as WeChat shows it: the template's title, then one line per field in template order
    const [rows, templates] = await Promise.all([api('outbox'), api('subscribe/templates')])
    const card = (m) => {
      const t = templates[m.templateId]
      const fields = t ? Object.keys(t.fields) : Object.keys(m.data || {})
      return '<div class="msg"><b>' + esc(t ? t.title : m.templateId) + '</b>' + fields.map((k) =>
        '<div><span class="muted">' + esc(k) + (t ? ' (' + esc(t.fields[k]) + ')' : '') + '</span> ' + esc(((m.data || {})[k] || {}).value ?? '') + '</div>').join('') + '</div>'
    }
    return '<table><tr><th>sent</th><th>to</th><th>message</th><th>template</th><th>page</th><th>from</th></tr>' + rows.reverse().map((m) => '<tr><td>' + esc(m.sentAt) + '</td><td>' + esc(m.touser) + '</td><td>' + card(m) + '</td><td>' + esc(m.templateId) + '</td><td>' + esc(m.page || '') + '</td><td>' + esc(m.functionName || '') + '</td></tr>').join('') + '</table>'
  },
  async files() {
    const rows = await api('files')
    return '<table><tr><th>path</th><th>size</th><th>type</th><th>uploaded</th><th></th></tr>' + rows.map((f) => '<tr><td>' + esc(f.path) + '</td><td>' + f.size + '</td><td>' + esc(f.contentType) + '</td><td>' + esc(f.uploadedAt) + '</td><td><button class="act" onclick="delFile(\\'' + esc(f.path) + '\\')">delete</button></td></tr>').join('') + '</table>'
  },
  async triggers() {
    const [rows, clock] = await Promise.all([api('triggers'), api('clock')])
    return '<p>emulator clock: <b>' + esc(clock.now) + '</b> (offset ' + clock.offsetMs + ' ms) <button class="act" onclick="setClock()">set clock…</button></p>' +
      '<table><tr><th>function</th><th>trigger</th><th>cron</th><th>next (UTC)</th><th>last fired</th><th>last result</th><th></th></tr>' + rows.map((t) => '<tr><td>' + esc(t.functionName) + '</td><td>' + esc(t.name) + '</td><td>' + esc(t.config) + (t.error ? '<div class="err">' + esc(t.error) + '</div>' : '') + '</td><td>' + esc(t.next || '') + '</td><td>' + esc(t.lastFiredAt || '') + '</td><td>' + (t.lastInvocation ? json(t.lastInvocation) : '') + '</td><td><button class="act" onclick="fire(\\'' + esc(t.functionName) + '\\')">fire now</button></td></tr>').join('') + '</table>'
  },
  async identities() {
    const rows = await api('identities')
    return '<p>The local sign-in list from the seed file. The H5 app sends the chosen openid as <code>x-wx-openid</code>.</p><table><tr><th>openid</th><th>label</th></tr>' + rows.map((i) => '<tr><td>' + esc(i.openid) + '</td><td>' + esc(i.label) + '</td></tr>').join('') + '</table>'
  },
}
function editDoc(d) { $('#doc').value = JSON.stringify(d, null, 2) }
async function saveDoc() { await api('collections/' + encodeURIComponent(coll), { method: 'PUT', body: $('#doc').value }); render() }
async function delDoc(id) { if (confirm('Delete ' + id + '?')) { await api('collections/' + encodeURIComponent(coll) + '/' + encodeURIComponent(id), { method: 'DELETE' }); render() } }
async function delFile(p) { if (confirm('Delete ' + p + '?')) { await api('files?path=' + encodeURIComponent(p), { method: 'DELETE' }); render() } }
async function fire(name) { const r = await api('triggers/' + encodeURIComponent(name) + '/fire', { method: 'POST' }); alert(JSON.stringify(r, null, 2)); render() }
async function setClock() {
  const v = prompt('Emulator time (ISO, e.g. 2026-12-01T01:00:00Z), or empty for real time', '')
  if (v === null) return
  await api('clock', { method: 'POST', body: JSON.stringify(v ? { now: v } : { offsetMs: 0 }) }); render()
}
async function render() { nav(); try { $('#main').innerHTML = await views[tab]() } catch (e) { $('#main').innerHTML = '<p class="err">' + esc(e.message) + '</p>' } }
window.onhashchange = () => { tab = location.hash.slice(1) || 'data'; render() }
who(); render()
</script></body></html>`
