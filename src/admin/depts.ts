import type { DeptNode } from '@core/admin'

/** Department names of the tree, parents before children, indented by depth. */
export function flatten(tree: DeptNode[], depth = 0): { name: string; label: string; node: DeptNode }[] {
  return tree.flatMap((n) => [
    { name: n.name, label: `${'　'.repeat(depth)}${n.name}`, node: n },
    ...flatten(n.children, depth + 1),
  ])
}
