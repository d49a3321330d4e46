// Departments as a simple tree (name + parent), and the make-up switch per department.
import type { Api } from '@core/api'
import {
  ADMIN_COLLECTIONS,
  checkParent,
  departmentId,
  deptTree,
  subtree,
  type DepartmentDoc,
} from '@core/admin'
import { DomainError } from '@core/shared'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import { find, getById, replace, updateWhere, type Db } from '@server/sdk'
import type { Context } from '@server/router'
import { audit, requireHr } from '../access'

type A = Api['admin']

export function departmentsOf(db: Db, companyId: string): Promise<DepartmentDoc[]> {
  return find<DepartmentDoc>(db, ADMIN_COLLECTIONS.departments, { companyId }, { limit: 1000 })
}

/** A company that keeps a department list accepts only its names; one without a list accepts any. */
export async function requireKnownDept(db: Db, companyId: string, dept: string): Promise<void> {
  const known = await getById<DepartmentDoc>(db, ADMIN_COLLECTIONS.departments, departmentId(companyId, dept))
  if (known) return
  const any = await find(db, ADMIN_COLLECTIONS.departments, { companyId }, { limit: 1 })
  if (any.length > 0) throw new DomainError('DEPT_UNKNOWN', dept, { dept })
}

export async function departments(_: A['departments'][0], { db, openid }: Context) {
  const { company } = await requireHr(db, openid)
  return { tree: deptTree(await departmentsOf(db, company._id)) }
}

export async function saveDepartment(input: A['saveDepartment'][0], { db, openid, now }: Context) {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  const all = await departmentsOf(db, companyId)
  checkParent(all, input.name, input.parent)
  const existing = all.find((d) => d.name === input.name)
  const doc: DepartmentDoc = {
    _id: departmentId(companyId, input.name),
    companyId,
    name: input.name,
    parent: input.parent,
    makeupEnabled: existing?.makeupEnabled ?? true,
  }
  await replace(db, ADMIN_COLLECTIONS.departments, doc)
  await audit(db, caller, now, {
    subject: 'department',
    subjectId: input.name,
    action: existing ? 'move' : 'create',
    from: existing?.parent ?? null,
    to: input.parent ?? '(顶级)',
  })
  return { tree: deptTree([...all.filter((d) => d.name !== input.name), doc]) }
}

export async function removeDepartment(input: A['removeDepartment'][0], { db, openid, now }: Context) {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  const all = await departmentsOf(db, companyId)
  if (!all.some((d) => d.name === input.name))
    throw new DomainError('DEPT_UNKNOWN', input.name, { dept: input.name })
  const people = await find(
    db,
    COLLECTIONS.members,
    { companyId, dept: input.name, status: 'active' },
    { limit: 1 },
  )
  if (people.length > 0 || all.some((d) => d.parent === input.name)) throw new DomainError('DEPT_NOT_EMPTY')
  await db.collection(ADMIN_COLLECTIONS.departments).doc(departmentId(companyId, input.name)).remove()
  await audit(db, caller, now, {
    subject: 'department',
    subjectId: input.name,
    action: 'remove',
    to: 'removed',
  })
  return { tree: deptTree(all.filter((d) => d.name !== input.name)) }
}

/** Switches the department and its sub-departments, and every member in them, in one multi-update each. */
export async function setDeptMakeup(input: A['setDeptMakeup'][0], { db, openid, now }: Context) {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  const all = await departmentsOf(db, companyId)
  if (!all.some((d) => d.name === input.dept))
    throw new DomainError('DEPT_UNKNOWN', input.dept, { dept: input.dept })
  const names = subtree(all, input.dept)
  const _ = db.command
  await updateWhere(
    db,
    ADMIN_COLLECTIONS.departments,
    { companyId, name: _.in(names) },
    {
      makeupEnabled: input.enabled,
    },
  )
  const members = await updateWhere(db, COLLECTIONS.members, { companyId, dept: _.in(names) }, {
    makeupEnabled: input.enabled,
  } satisfies Partial<MemberDoc>)
  await audit(db, caller, now, {
    subject: 'department',
    subjectId: input.dept,
    action: 'setMakeup',
    to: input.enabled ? 'enabled' : 'disabled',
    changes: names.map((n) => `${n}.makeupEnabled: ${input.enabled}`),
  })
  const tree = deptTree(all.map((d) => (names.includes(d.name) ? { ...d, makeupEnabled: input.enabled } : d)))
  return { tree, membersUpdated: members }
}
