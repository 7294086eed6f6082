import { beforeEach, expect } from 'vitest';

// A test that asserts nothing passes whatever the code does: every test must make at least one
// assertion (checks made with fast-check's fc.assert count only when they call expect).
beforeEach(() => {
  expect.hasAssertions();
});
