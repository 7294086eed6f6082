import { serializerCompiler as checkedBySchema } from 'fastify-type-provider-zod';

// Answers built field by field by a presenter (the case list, the statistics dashboard) are
// written with JSON.stringify: parsing them through their zod response schema on every request
// (to drop fields the schema lacks) was several per cent of the case list's time in issue 10's
// profile, for answers that never hold a field their schema lacks. Under the tests the schema is
// still applied to every such answer, and an answer the schema would change in any way (a field
// it drops, a value it refuses, another order of keys) fails the request: a presenter that starts
// to leak a field fails its route's tests instead of being trimmed silently in production.

/** Whether this process runs under the test runner (vitest sets VITEST in its workers). */
const underTest = process.env.VITEST !== undefined;

/** What Fastify hands a serializer compiler: the status's response schema (zod here) and the route. */
type Route = { schema: unknown; method: string; url: string };

/** A route's `serializerCompiler` for an answer its presenter builds exactly to its schema. */
export function presentedResponse(route: Route): (data: unknown) => string {
  if (!underTest) return (data) => JSON.stringify(data);
  const checked = checkedBySchema(route as Parameters<typeof checkedBySchema>[0]);
  return (data) => {
    const plain = JSON.stringify(data);
    if (checked(data) !== plain)
      throw new Error(
        `${route.method} ${route.url}: the presenter's answer differs from its response schema`,
      );
    return plain;
  };
}
