import { WireError, type ActionHandler } from '../wire'
import type { FunctionRuntime } from '../runtime/pool'
import type { Invoke } from '../runtime/invoke'

/** `functions.invokeFunction` — `cloud.callFunction` from a function (or any admin client). */
export function functionActions(runtime: FunctionRuntime, invoke: Invoke): Record<string, ActionHandler> {
  return {
    'functions.invokeFunction': async (body, ctx) => {
      const name = String(body.function_name ?? '')
      let event: unknown = {}
      try {
        event = body.request_data ? JSON.parse(String(body.request_data)) : {}
      } catch {
        throw new WireError('INVALID_PARAM', 'request_data is not valid JSON')
      }
      // a function called from a function runs for the same user; SOURCE records the chain (wx_client,scf)
      const parent = runtime.invocation(ctx.invocationId)
      const source = parent?.caller.source ? `${parent.caller.source},scf` : 'scf'
      const report = await invoke(name, event, { ...parent?.caller, source }, { parentId: parent?.id })
      if (!report.ok) throw new WireError(report.error!.code, report.error!.message)
      return { data: { response_data: JSON.stringify(report.result ?? null) } }
    },
  }
}
