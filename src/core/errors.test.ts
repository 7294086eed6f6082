import { describe, expect, it } from 'vitest';
import { duplicate, errorStatus, GuiaError, invalid } from './errors.js';

describe('GuiaError', () => {
  it('carries its code, parameters and field errors, and the HTTP status of its code', () => {
    const error = new GuiaError('auth.sign_in_throttled', { until: '2024-05-01T10:15:00Z' }, [
      { path: 'email', code: 'throttled' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GuiaError');
    expect(error.message).toBe('auth.sign_in_throttled');
    expect(error.code).toBe('auth.sign_in_throttled');
    expect(error.params).toEqual({ until: '2024-05-01T10:15:00Z' });
    expect(error.fieldErrors).toEqual([{ path: 'email', code: 'throttled' }]);
    expect(error.status).toBe(429);
  });

  it('has no parameters or field errors unless given', () => {
    const error = new GuiaError('resource.not_found');
    expect(error.params).toEqual({});
    expect(error.fieldErrors).toEqual([]);
    expect(error.status).toBe(404);
  });

  it('maps the codes a client acts upon to their statuses', () => {
    expect(errorStatus['validation.failed']).toBe(400);
    expect(errorStatus['permission.denied']).toBe(403);
    expect(errorStatus['resource.stale']).toBe(409);
    expect(errorStatus['auth.locked']).toBe(423);
    expect(errorStatus.internal).toBe(500);
  });
});

describe('error helpers', () => {
  it('names the duplicate field, with parameters only when given', () => {
    expect(duplicate('email')).toMatchObject({
      code: 'resource.duplicate',
      params: {},
      fieldErrors: [{ path: 'email', code: 'duplicate' }],
    });
    expect(duplicate('email').fieldErrors[0]).not.toHaveProperty('params');
    expect(duplicate('code', { value: 'PJ' }).fieldErrors).toEqual([
      { path: 'code', code: 'duplicate', params: { value: 'PJ' } },
    ]);
  });

  it('makes a validation error naming the field and its problem', () => {
    expect(invalid('birthDate', 'future_date')).toMatchObject({
      code: 'validation.failed',
      status: 400,
      fieldErrors: [{ path: 'birthDate', code: 'future_date' }],
    });
    expect(invalid('birthDate', 'future_date').fieldErrors[0]).not.toHaveProperty('params');
    expect(invalid('age', 'too_high', { max: 120 }).fieldErrors).toEqual([
      { path: 'age', code: 'too_high', params: { max: 120 } },
    ]);
  });
});
