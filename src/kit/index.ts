// The UI kit, imported per component (with its CSS) so only what our pages use is bundled. Only subpackage pages
// may import this module: a main-package page importing it would hoist the whole kit into the main package.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/uploader/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/calendarcard/style/css'
import './theme.css'

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button'
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag'
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea'
export { default as Uploader } from '@nutui/nutui-react-taro/dist/es/packages/uploader'
export { default as CalendarCard } from '@nutui/nutui-react-taro/dist/es/packages/calendarcard'
export type { UploaderFileItem } from '@nutui/nutui-react-taro/dist/es/types/spec/uploader/base'
export type { CalendarCardDay } from '@nutui/nutui-react-taro/dist/es/types/spec/calendarcard/base'
