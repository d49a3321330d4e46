// The machine running the suite may be busy: `findBy…` and `waitFor` wait for what they look for up to 15 s
// (Testing Library's default is 1 s); tests and hooks get a minute (the root jest.config.js), not jest's 5 s.
import { configure } from '@testing-library/react'

configure({ asyncUtilTimeout: 15_000 })
