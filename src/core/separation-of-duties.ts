import type { RoleId } from './permissions.js';

// Separation of duties: whoever administers accounts must not also audit what was done
// with them. The groups are configurable (GUIA_EXCLUSIVE_ROLES); this is the default.
export const defaultExclusiveRoles: readonly (readonly RoleId[])[] = [['administrator', 'auditor']];

/** The first group of roles that `roles` holds two or more of, or null when none. */
export function conflictingRoles(
  roles: readonly string[],
  groups: readonly (readonly string[])[],
): string[] | null {
  for (const group of groups) {
    const held = group.filter((role) => roles.includes(role));
    if (held.length >= 2) return held;
  }
  return null;
}
