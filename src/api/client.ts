// The app's one typed client of the server: `call(API.listSpaces)`, `call(API.updateSpace, { params, body })`.
// It builds the URL from the endpoint's definition (schema/api.ts), sends the access token (refreshed once
// when it has expired) unless the endpoint is public, and parses the answer with the definition's schema.
// Failures are the transport's: NetworkError (unreachable), ApiError (the server's error envelope), or a
// ZodError for an answer the app cannot read; errors.ts turns each into a translatable code.
import { endpointUrl, type AnswerOf, type Endpoint, type RequestOf } from '@schema/api.ts';
import { authedCall, publicCall } from '@/sync/api.ts';

/** No second argument for an endpoint without parameters, query or body; otherwise exactly what it takes. */
export type CallArgs<E extends Endpoint> = unknown extends RequestOf<E> ? [] : [request: RequestOf<E>];

interface CallParts {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export async function call<E extends Endpoint>(endpoint: E, ...args: CallArgs<E>): Promise<AnswerOf<E>> {
  // RequestOf<E> is CallParts for every E (its parts are the schemas' inputs), which TypeScript cannot see
  // through the conditional type of a generic E.
  const parts = (args[0] ?? {}) as CallParts;
  const url = endpointUrl(endpoint, parts);
  // A POST or PATCH always carries JSON (`{}` when the endpoint reads nothing): the server refuses an empty JSON body.
  const body = endpoint.method === 'GET' ? undefined : (parts.body ?? {});
  const options = { method: endpoint.method };
  const answer: E['answer'] = endpoint.answer;
  return endpoint.access === 'public' ? publicCall(url, body, answer, options) : authedCall(url, body, answer, options);
}
