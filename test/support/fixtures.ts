import type { RoleId } from '../../src/core/permissions.js';
import type { TestApp, TestClient } from './harness.js';

let counter = 0;

/** Creates an agency through the API and returns its id. */
export async function addAgency(admin: TestClient, code: string, kind = 'police'): Promise<string> {
  const response = await admin.post('/api/v1/agencies', {
    code,
    kind,
    names: { en: `${code} agency`, 'zh-Hant': `${code} 機構`, pt: `Agência ${code}` },
  });
  if (response.statusCode !== 201) throw new Error(`agency: ${response.body}`);
  return (response.json() as { id: string }).id;
}

/** Creates a user through the API and records its one-time password for signIn(). */
export async function addUser(
  t: TestApp,
  admin: TestClient,
  agencyId: string,
  roles: RoleId[],
  email?: string,
) {
  const address = email ?? `user${++counter}.${roles[0]}@example.org`;
  const response = await admin.post('/api/v1/users', {
    email: address,
    name: `Test ${roles.join(' ')}`,
    language: 'en',
    agencyId,
    roles,
  });
  if (response.statusCode !== 201) throw new Error(`user: ${response.body}`);
  const body = response.json() as { user: { id: string; version: number }; oneTimePassword: string };
  t.accounts.set(address, { password: body.oneTimePassword, lastStep: 0 });
  return { id: body.user.id, email: address, version: body.user.version };
}

export async function auditActions(t: TestApp): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_log').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}
