import { describe, expect, it } from 'vitest';
import { can, isPermission, isRole, mergeGrants, type Grants, type PolicyActor } from './permissions.js';

const actor = (grants: Grants): PolicyActor => ({ userId: 'user-1', agencyId: 'agency-a', grants });

describe('can', () => {
  it('denies a permission the actor does not hold, whatever the resource', () => {
    expect(can(actor({}), 'case.read')).toBe(false);
    expect(can(actor({ 'case.update': 'all' }), 'case.read', {})).toBe(false);
  });

  it('answers whether the permission is held at all when no resource is named', () => {
    expect(can(actor({ 'case.read': 'own' }), 'case.read')).toBe(true);
    expect(can(actor({ 'case.read': 'agency' }), 'case.read')).toBe(true);
  });

  it.each<[string, Grants['case.read'], Parameters<typeof can>[2], boolean]>([
    ['all reaches a resource of no agency', 'all', {}, true],
    ['all reaches another agency', 'all', { agencyIds: ['agency-b'] }, true],
    [
      'agency reaches a resource of the actor agency',
      'agency',
      { agencyIds: ['agency-b', 'agency-a'] },
      true,
    ],
    ['agency does not reach another agency', 'agency', { agencyIds: ['agency-b'] }, false],
    ['agency does not reach a resource naming no agency', 'agency', { memberUserIds: ['user-1'] }, false],
    ['own reaches a resource the actor is assigned to', 'own', { memberUserIds: ['user-2', 'user-1'] }, true],
    ['own does not reach another user', 'own', { memberUserIds: ['user-2'] }, false],
    ['own does not reach by agency', 'own', { agencyIds: ['agency-a'] }, false],
  ])('scope %s', (_name, scope, resource, expected) => {
    expect(can(actor({ 'case.read': scope }), 'case.read', resource)).toBe(expected);
  });
});

describe('mergeGrants', () => {
  it('keeps the widest scope of each permission, whatever the order of the rows', () => {
    const rows = [
      { permission: 'case.read', scope: 'own' },
      { permission: 'case.read', scope: 'all' },
      { permission: 'case.read', scope: 'agency' },
      { permission: 'case.update', scope: 'agency' },
      { permission: 'case.update', scope: 'own' },
      { permission: 'person.reveal', scope: 'own' },
    ];
    const expected = { 'case.read': 'all', 'case.update': 'agency', 'person.reveal': 'own' };
    expect(mergeGrants(rows)).toEqual(expected);
    expect(mergeGrants([...rows].reverse())).toEqual(expected);
  });

  it('ignores permissions and scopes the code does not know', () => {
    expect(
      mergeGrants([
        { permission: 'case.delete', scope: 'all' },
        { permission: 'case.read', scope: 'everything' },
        { permission: 'case.read', scope: 'own' },
      ]),
    ).toEqual({ 'case.read': 'own' });
    expect(mergeGrants([])).toEqual({});
  });
});

describe('vocabulary guards', () => {
  it('recognises permissions and roles, and nothing else', () => {
    expect(isPermission('case.read')).toBe(true);
    expect(isPermission('duplicate.resolve')).toBe(true);
    expect(isPermission('case.delete')).toBe(false);
    expect(isRole('auditor')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});
