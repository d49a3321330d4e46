export * from './calendar'
export * from './dates'
export * from './schemas'
