/** The five stored-completions operations against a local store (in memory or SQLite). */
import { ApiError, invalidParam } from './errors.ts';
import { parseMetadataFilter, parseMetadataUpdate } from './metadata.ts';
import { pageByIndex, parsePageParams } from './pagination.ts';
import type { Route } from './router.ts';
import type { Store } from './store.ts';

export interface ApiResult {
  status: number;
  body: unknown;
}

export interface LocalRequest {
  method: string;
  route: Route;
  query: URLSearchParams;
  /** Raw body, read only for POST. */
  body?: Buffer;
}

/** The body of a metadata update as JSON, or OpenAI's 400 for an unparseable one. */
export function parseJsonBody(body: Buffer | undefined): unknown {
  const text = body?.toString('utf8') ?? '';
  try {
    return JSON.parse(text);
  } catch {
    // OpenAI's wording for an unparseable body; like OpenAI, `param` is null here.
    throw new ApiError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      { code: null },
    );
  }
}

export function handleLocal(store: Store, req: LocalRequest): ApiResult {
  const { route, method, query } = req;
  switch (route.kind) {
    case 'list': {
      const params = parsePageParams(query);
      const page = store.list(
        { model: query.get('model'), metadata: parseMetadataFilter(query) },
        params,
      );
      return { status: 200, body: page };
    }
    case 'completion': {
      if (method === 'GET') return { status: 200, body: store.require(route.id).completion };
      if (method === 'DELETE') {
        store.require(route.id);
        store.delete(route.id);
        return {
          status: 200,
          body: { object: 'chat.completion.deleted', id: route.id, deleted: true },
        };
      }
      // POST: validate the completion first (404 beats 400, as for a missing resource).
      store.require(route.id);
      const metadata = parseMetadataUpdate(parseJsonBody(req.body));
      return { status: 200, body: store.updateMetadata(route.id, metadata) };
    }
    case 'messages': {
      const item = store.require(route.id);
      const params = parsePageParams(query);
      let afterIndex: number | null = null;
      if (params.after !== null) {
        afterIndex = item.messages.indexOf(params.after);
        if (afterIndex < 0) {
          throw invalidParam(
            'after',
            `Invalid 'after': no message found with id '${params.after}' in chat completion '${route.id}'.`,
          );
        }
      }
      return {
        status: 200,
        body: pageByIndex(item.messages.count, (i) => item.messages.at(i), afterIndex, params),
      };
    }
  }
}
