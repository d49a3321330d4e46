// The order jest runs test files in. jest's own order runs the slowest first by the durations in its cache, and by
// file size when it has none (a fresh clone): there the short hardening files, the slowest of all, came last and ran
// alone on one core while the other waited. Files with no recorded duration get their project's typical one, and
// the weapp page tests go last, after `npm test` has finished the weapp build it starts beside them
// (tests/mp/wechat/environment.js waits for it).
const Sequencer = require('@jest/test-sequencer').default

// seconds per file, measured on this project (tests/README.md)
const TYPICAL = { hardening: 30, integration: 4, conformance: 2.5, components: 2, mp: 1.6, unit: 0.6 }

const projectOf = (test) => test.context.config.displayName?.name ?? ''

class SlowestFirst extends Sequencer {
  time(test) {
    return super.time(test) ?? TYPICAL[projectOf(test)] ?? 1
  }

  sort(tests) {
    const sorted = super.sort(tests)
    return [...sorted.filter((t) => projectOf(t) !== 'mp'), ...sorted.filter((t) => projectOf(t) === 'mp')]
  }
}

module.exports = SlowestFirst
