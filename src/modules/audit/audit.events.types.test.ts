import { describe, expect, it } from 'vitest';
import type { Executor } from '../../db/schema.js';
import { asCode, asCodes, asId, asIds, asIsoDate, asPseudonym, fieldNames } from './audit-values.js';
import { auditService, systemActor } from './audit.service.js';
import { changedFields } from './changed-fields.js';

// The guarantee here is made by the compiler: `tsc --noEmit` fails if a `@ts-expect-error`
// line below type-checks (a summary that could carry free text accepted) or if a correct
// call does not. The calls are built, never run; at run time, the test checks that typing a
// summary changed nothing in what is written.

const tx = null as unknown as Executor;
const actor = systemActor('cli');
const caseId = '0190a5b8-7a2e-7000-8000-000000000001';
const casePersonId = '0190a5b8-7a2e-7000-8000-000000000002';
const note: string = 'Statement of Maria Silva';

export const typed = [
  // Correct summaries, exactly their action's shape.
  () =>
    auditService.record(tx, actor, 'case.created', {
      entityType: 'case',
      entityId: caseId,
      summary: {
        reference: 'PJ-2024-0001' as never,
        leadAgency: asCode('PJ'),
        origin: asCode('police'),
        qualifications: asCodes(['trafficking']),
      },
    }),
  () =>
    auditService.record(tx, actor, 'consent.recorded', {
      entityType: 'consent',
      entityId: caseId,
      summary: { ...asIds({ caseId, casePersonId }), purpose: asCode('referral'), informedOf: [] },
    }),
  () =>
    auditService.record(tx, actor, 'service.updated', {
      entityType: 'service',
      entityId: caseId,
      summary: { ...asIds({ caseId, casePersonId }), fields: fieldNames({ note, version: 2 }, 'version') },
    }),
  () => auditService.record(tx, actor, 'case.text_read', { entityType: 'case', entityId: caseId }),

  // A note, a name or a reason in words: not a summary of any action.
  () =>
    auditService.record(tx, actor, 'consent.recorded', {
      entityType: 'consent',
      entityId: caseId,
      // @ts-expect-error a property the action does not name
      summary: { ...asIds({ caseId, casePersonId }), purpose: asCode('a'), informedOf: [], note: 'Maria' },
    }),
  () =>
    auditService.record(tx, actor, 'referral.sent', {
      entityType: 'referral',
      entityId: caseId,
      summary: {
        ...asIds({ caseId, casePersonId, toAgencyId: caseId }),
        serviceKind: asCode('shelter'),
        // @ts-expect-error a reason is a code, not a string
        reason: note,
        consentId: asId(caseId),
      },
    }),
  () =>
    auditService.record(tx, actor, 'person.created', {
      entityType: 'person',
      entityId: caseId,
      // @ts-expect-error a pseudonym comes from the formatter, not from any string (a name)
      summary: { pseudonym: 'Maria Silva' },
    }),
  () =>
    auditService.record(tx, actor, 'person.updated', {
      entityType: 'person',
      entityId: caseId,
      // @ts-expect-error field names are the input's keys, not free text
      summary: { fields: ['Maria Silva'] },
    }),
  () =>
    auditService.record(tx, actor, 'case.judicial_act_recorded', {
      entityType: 'case',
      entityId: caseId,
      // @ts-expect-error the authority (a court, a judge's name) is free text
      summary: { kind: 'indictment', actDate: asIsoDate('2024-01-01'), authority: 'Judge Maria Silva' },
    }),
  () => {
    // Excess properties are refused even from a variable, which the compiler's own check lets through.
    const summary = { pseudonym: asPseudonym('V-2024-0001'), note };
    return auditService.record(tx, actor, 'person.created', {
      entityType: 'person',
      entityId: caseId,
      // @ts-expect-error a note smuggled in through a variable
      summary,
    });
  },
  () =>
    // @ts-expect-error the action fixes its entity type
    auditService.record(tx, actor, 'case.text_read', { entityType: 'person', entityId: caseId }),
  () =>
    auditService.record(tx, actor, 'case.updated', {
      entityType: 'case',
      entityId: caseId,
      // @ts-expect-error a free-text field's values are never shown, only that it changed
      summary: { places: { from: '[]', to: '[{"locality":"Rua de Maria"}]' } },
    }),
];

describe('typed audit summaries', () => {
  it('serialise as before: the constructors only name what a value is', () => {
    const summary = {
      ...asIds({ caseId, casePersonId }),
      purpose: asCode('referral'),
      informedOf: asCodes(['rights']),
      fields: fieldNames({ note, endDate: null, version: 2 }, 'version'),
    };
    expect(JSON.stringify(summary)).toBe(
      JSON.stringify({
        caseId,
        casePersonId,
        purpose: 'referral',
        informedOf: ['rights'],
        fields: ['note', 'endDate'],
      }),
    );
    expect(typed).toHaveLength(12);
  });

  it('records an update as before, with free-text fields named but never shown', () => {
    const before = { origin: 'police', places: '[]', summary_enc: null as string | null };
    const after = {
      origin: 'ngo',
      places: '[{"country":"MAC","locality":"Rua de Maria"}]',
      summary_enc: 'x',
    };
    const summary = changedFields(before, after, { origin: asCode, places: 'hidden', summary_enc: 'hidden' });
    expect(summary).toEqual({
      origin: { from: 'police', to: 'ngo' },
      places: { changed: true },
      summary_enc: { changed: true },
    });
  });
});
