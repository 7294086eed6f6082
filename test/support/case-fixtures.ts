import { expect } from 'vitest';
import type { TestClient } from './harness.js';

/** Everything a person may be told before consenting (a consent that covers every point). */
export const everyConsentPoint = [
  'purpose',
  'data_use',
  'right_to_access',
  'retention_period',
  'how_to_withdraw',
] as const;

/**
 * Opens a case through the API as `client` and expects 201. A police operation registered on the
 * day it was reported unless the fields say otherwise.
 */
export async function openCase<View = { id: string; reference: string; version: number }>(
  client: TestClient,
  fields: { reportDate: string } & Record<string, unknown>,
): Promise<View> {
  const response = await client.post('/api/v1/cases', {
    origin: 'police_operation',
    registrationDate: fields.reportDate,
    ...fields,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as View;
}

/**
 * Adds a person (victim, suspect …) to a case and expects 201; returns the case person's id, its
 * pseudonym, its URL and the whole answer (`view`).
 */
export async function addCasePerson(
  client: TestClient,
  caseId: string,
  body: { role: string } & Record<string, unknown>,
): Promise<{ id: string; pseudonym: string; path: string; view: unknown }> {
  const response = await client.post(`/api/v1/cases/${caseId}/people`, body);
  expect(response.statusCode, response.body).toBe(201);
  const view = response.json() as { id: string; person: { pseudonym: string } };
  return {
    id: view.id,
    pseudonym: view.person.pseudonym,
    path: `/api/v1/cases/${caseId}/people/${view.id}`,
    view,
  };
}

/** Records the victim's consent to a referral given on `givenOn`, every point explained; expects 201. */
export async function giveReferralConsent(client: TestClient, victimPath: string, givenOn: string) {
  const response = await client.post(`${victimPath}/consents`, {
    purpose: 'referral',
    informedOf: everyConsentPoint,
    givenOn,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}
