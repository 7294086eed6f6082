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

/**
 * Opens a case that its victim reported herself on 1 May 2024, registered the next day; `fields`
 * add to it or change it. Expects 201.
 */
export function openSelfReportedCase<View = { id: string; reference: string; version: number }>(
  client: TestClient,
  fields: Record<string, unknown> = {},
): Promise<View> {
  return openCase<View>(client, {
    origin: 'self_report',
    reportDate: '2024-05-01',
    registrationDate: '2024-05-02',
    ...fields,
  });
}

/**
 * Adds a person in `role` to a case, with no citizenship unless `person` gives one; expects 201
 * and returns the case person as the API answers it.
 */
export async function addPersonAs<View>(
  client: TestClient,
  caseId: string,
  role: string,
  person: Record<string, unknown>,
): Promise<View> {
  return (await addCasePerson(client, caseId, { role, person: { citizenship: [], ...person } })).view as View;
}

/** A referral to a shelter, for services the sending agency does not give, sent on `sentOn`. */
export function shelterReferral(toAgencyId: string, sentOn: string, more: Record<string, unknown> = {}) {
  return { toAgencyId, serviceKind: 'shelter', reason: 'additional_services_required', sentOn, ...more };
}

/** Sends a shelter referral (with `more` fields) for the victim at `victimPath`; expects 201 and returns its id. */
export async function sendShelterReferral(
  client: TestClient,
  victimPath: string,
  toAgencyId: string,
  sentOn: string,
  more: Record<string, unknown> = {},
): Promise<string> {
  const response = await client.post(`${victimPath}/referrals`, shelterReferral(toAgencyId, sentOn, more));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}
