import { can, type Permission, type ResourceScope } from '../../core/permissions.js';
import { GuiaError } from '../../core/errors.js';
import type { Actor } from './actor.js';

export { can };

/** Throws `permission.denied` unless the actor may; the HTTP layer audits the denial. */
export function authorize(actor: Actor, permission: Permission, resource?: ResourceScope): void {
  if (!can(actor, permission, resource)) throw new GuiaError('permission.denied', { permission });
}

/** The agency a list must be narrowed to, or undefined when the actor sees every agency's records. */
export function agencyFilterFor(actor: Actor, permission: Permission): string | undefined {
  return actor.grants[permission] === 'all' ? undefined : actor.agencyId;
}
