import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

// Writes that update the statistics aggregates and the audit trail, run at the same time on
// different cases. On PostgreSQL some took the audit lock before the aggregates and others
// after, and deadlocked (the crash test saw 500s); every write now takes the writers' lock
// first, so all of them must succeed.

describe.each(databases)('concurrent writes on %s', (kind) => {
  let t: TestApp;
  let officer: TestClient;
  const cases: { id: string; version: number }[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const admin = await signInAdmin(t);
    const pj = await addAgency(admin, 'PJ');
    officer = t.client();
    await officer.signIn((await addUser(t, admin, pj, ['agency_officer'])).email);
    for (let i = 0; i < 8; i++) {
      const created = await officer.post('/api/v1/cases', {
        origin: 'hotline',
        reportDate: '2025-05-01',
        registrationDate: '2025-05-02',
        exploitationTypes: ['forced_labour'],
      });
      expect(created.statusCode, created.body).toBe(201);
      cases.push(created.json() as { id: string; version: number });
    }
  });
  afterAll(() => t.close());

  it('lets case corrections and new victims of different cases run together without a failure', async () => {
    const writes = cases.flatMap((kase, i) => [
      officer.patch(`/api/v1/cases/${kase.id}`, {
        version: kase.version,
        exploitationTypes: i % 2 ? ['sexual_exploitation'] : ['forced_labour', 'servitude'],
      }),
      officer.post(`/api/v1/cases/${cases[(i + 1) % cases.length]!.id}/people`, {
        role: 'victim',
        person: { givenNames: `Victim ${i}`, gender: i % 2 ? 'female' : 'male', citizenship: ['PHL'] },
      }),
    ]);
    const answers = await Promise.all(writes);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([
      ...Array<number>(cases.length).fill(200),
      ...Array<number>(cases.length).fill(201),
    ]);
  });
});
