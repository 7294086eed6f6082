import { describe, expect, it } from 'vitest';
import { auditFilterOf } from './audit.service.js';

describe('the audit trail filter a person chooses', () => {
  it('keeps each filter chosen, from the start of `from` to the end of `to`', () => {
    expect(
      auditFilterOf(
        {
          action: 'agency.created',
          actorId: 'user-1',
          entityId: 'agency-1',
          from: '2026-03-01',
          to: '2026-12-31',
        },
        { beforeSeq: 40, limit: 10 },
      ),
    ).toStrictEqual({
      action: 'agency.created',
      actorId: 'user-1',
      entityId: 'agency-1',
      from: '2026-03-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      beforeSeq: 40,
      limit: 10,
    });
  });

  it('names nothing that was not chosen', () => {
    expect(auditFilterOf({}, { limit: 50 })).toStrictEqual({ limit: 50 });
  });
});
