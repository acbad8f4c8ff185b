// The endpoint definitions are consistent on their own: a path's `:parameters` are exactly its params
// schema's keys, a GET carries no body, no two definitions share a method and path, and the client's URL
// is built from the definition (each with a control that fails).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API, endpointUrl, pathParameters, type Endpoint } from './api.ts';

const DEFINITIONS: [string, Endpoint][] = Object.entries(API);

/** What is wrong with one definition, as sentences; empty when nothing. */
function problemsOf(name: string, definition: Endpoint): string[] {
  const problems: string[] = [];
  const inPath = pathParameters(definition.path).sort();
  const params = definition.params;
  const inSchema = params instanceof z.ZodObject ? Object.keys(params.shape).sort() : params === undefined ? [] : null;
  if (inSchema === null) problems.push(`${name}: params is not an object schema`);
  else if (JSON.stringify(inPath) !== JSON.stringify(inSchema)) problems.push(`${name}: path has ${inPath.join(',') || 'none'}, params has ${inSchema.join(',') || 'none'}`);
  if (definition.method === 'GET' && definition.body !== undefined) problems.push(`${name}: a GET has a body`);
  return problems;
}

describe('endpoint definitions', () => {
  it('name every path parameter in params, and give no GET a body', () => {
    expect(DEFINITIONS.flatMap(([name, definition]) => problemsOf(name, definition))).toEqual([]);
  });

  it('control: a parameter missing from params, one too many, and a GET with a body are each found', () => {
    const answer = z.object({});
    expect(problemsOf('a', { method: 'GET', path: '/v1/things/:id', access: 'public', answer })).toEqual(['a: path has id, params has none']);
    expect(problemsOf('b', { method: 'GET', path: '/v1/things', access: 'public', params: z.object({ id: z.string() }), answer })).toEqual(['b: path has none, params has id']);
    expect(problemsOf('c', { method: 'GET', path: '/v1/things', access: 'public', body: z.object({}), answer })).toEqual(['c: a GET has a body']);
  });

  it('give each method and path one definition', () => {
    const keys = DEFINITIONS.map(([, d]) => `${d.method} ${d.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('build the URL of a call: parameters encoded in the path, defined query values after it', () => {
    expect(endpointUrl(API.listSpaces)).toBe('/v1/spaces');
    expect(endpointUrl(API.recordHistory, { params: { type: 'inquiry', id: 'a/b c' } })).toBe('/v1/records/inquiry/a%2Fb%20c/history');
    expect(endpointUrl(API.listConflicts, { query: { status: 'open', cursor: undefined, limit: 20 } })).toBe('/v1/conflicts?status=open&limit=20');
  });

  it('refuse a call missing a path parameter, rather than calling another endpoint', () => {
    expect(() => endpointUrl(API.updateSpace, { params: {} })).toThrow(/no value for :spaceId/);
  });
});
