// The deployment's subscribe-message templates (config/subscribe-templates.json): the ids WeChat gave this AppID's
// templates and their field keys. Checked when a function loads this module; every notice is bound through it.
// Template ids belong to the AppID, not to a company: a company document cannot change them.
import deployment from '../../config/subscribe-templates.json'
import {
  NOTICE_KINDS,
  noticeSettings,
  templateConfigProblems,
  type NoticeSettings,
  type TemplateBinding,
  type TemplateConfig,
} from '@core/notices'

const DEPLOYED = deployment as TemplateConfig

/** Throws, naming every problem, when the deployment's configuration cannot work (at function start). */
export function assertTemplateConfig(config: TemplateConfig = DEPLOYED): void {
  const problems = templateConfigProblems(config)
  if (problems.length) throw new Error(`config/subscribe-templates.json: ${problems.join('; ')}`)
}
assertTemplateConfig()

const deployedBindings = Object.fromEntries(
  NOTICE_KINDS.map((kind) => {
    const { templateId, page, fields } = DEPLOYED.templates[kind]
    return [kind, { templateId, page, fields }]
  }),
) as Record<string, TemplateBinding>

/** A company's notice settings (reminder times) with the deployment's templates, whatever the document says. */
export function deployedNoticeSettings(company: { notices?: Partial<NoticeSettings> }): NoticeSettings {
  return { ...noticeSettings(company), templates: deployedBindings }
}
