// Modules the shim uses that ship no types (@types/react-dom is not a dependency).
declare module 'react-dom'
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  export function createH5NativeComponentConfig(
    component: unknown,
    react: unknown,
    reactDom: unknown,
  ): unknown
}
