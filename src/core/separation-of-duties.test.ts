import { describe, expect, it } from 'vitest';
import { conflictingRoles, defaultExclusiveRoles } from './separation-of-duties.js';

describe('separation of duties', () => {
  it('keeps administrators from auditing by default', () => {
    expect(defaultExclusiveRoles).toEqual([['administrator', 'auditor']]);
    expect(conflictingRoles(['administrator', 'auditor'], defaultExclusiveRoles)).toEqual([
      'administrator',
      'auditor',
    ]);
  });

  it('finds the first group held twice or more, and only the roles of it that are held', () => {
    const groups = [
      ['administrator', 'auditor'],
      ['secretariat', 'analyst', 'supervisor'],
    ];
    expect(conflictingRoles(['analyst', 'case_worker', 'secretariat'], groups)).toEqual([
      'secretariat',
      'analyst',
    ]);
    expect(conflictingRoles(['auditor', 'analyst', 'secretariat', 'administrator'], groups)).toEqual([
      'administrator',
      'auditor',
    ]);
  });

  it('allows one role of each group', () => {
    expect(
      conflictingRoles(
        ['administrator', 'analyst'],
        [
          ['administrator', 'auditor'],
          ['analyst', 'secretariat'],
        ],
      ),
    ).toBeNull();
    expect(conflictingRoles([], defaultExclusiveRoles)).toBeNull();
  });
});
