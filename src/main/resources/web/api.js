// The JSON API of api.md, as the page uses it. Every failure becomes an ApiError carrying the
// sentence the server wrote for people (its `detail`), so the page can say what to do next.
import { fromQuery, listingParams } from './state.js';

export const PAGE_SIZE = 24; // fills whole rows of a one-, two- or three-column grid

export class ApiError extends Error {
  constructor(status, code, detail, retryAfterSeconds = null, body = null) {
    super(detail);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body; // the whole answer, e.g. the current item of a 412
  }
}

async function request(url, options = {}) {
  return (await exchange(url, options)).body;
}

/** One request; resolves to the body and the ETag (the artifact's content hash, for If-Match). */
async function exchange(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'unreachable', 'The service did not answer. Check that artifact-cache is running, then try again.');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? `http_${response.status}`,
      body?.detail ?? `The server answered with status ${response.status}.`,
      Number(response.headers.get('Retry-After')) || null, body);
  }
  return { body, etag: response.headers.get('ETag') };
}

/** GET with the ETag: `{ body, etag }`. */
export const getWithEtag = (url) => exchange(url);

/** A JSON write (PUT, POST, DELETE): `{ body, etag }`. */
export const sendJson = (method, url, body, headers = {}) => exchange(url, {
  method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers },
});

export const getJson = (url, signal) => request(url, { signal });

export const postJson = (url, body, headers = {}) => request(url, {
  method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers },
});

export const collectionsUrl = () => '/api/v1/user-collections';
// The list pages by 20 (SkillMeat's default): the switcher asks for the most a page holds.
export const collectionListUrl = () => `${collectionsUrl()}?limit=100`;

export const refreshUrl = () => '/api/v1/user-collections/refresh-metadata';

/** One page of the listing for a state; `after` is the previous page's end cursor, if any. */
export function listingUrl(state, after = null) {
  const base = state.collection
    ? `/api/v1/user-collections/${encodeURIComponent(state.collection)}/artifacts`
    : '/api/v1/artifacts';
  const params = listingParams(state);
  params.set('limit', PAGE_SIZE);
  if (after) params.set('after', after);
  return `${base}?${params}`;
}

/**
 * A page of one facet's values (`tags` or `tools`) with their counts under the listing's filters,
 * only those containing `contains` when it is not empty (api.md, "Facet values").
 */
export function facetValuesUrl(state, dimension, contains, offset, limit) {
  const base = state.collection
    ? `/api/v1/user-collections/${encodeURIComponent(state.collection)}/facets/${dimension}`
    : `/api/v1/facets/${dimension}`;
  const params = listingParams(state);
  ['facets', 'highlight', 'sort'].forEach((name) => params.delete(name));
  if (contains) params.set('contains', contains);
  params.set('limit', limit);
  params.set('offset', offset);
  return `${base}?${params}`;
}

/** The whole collection's facets (no filter, no search): which types and origins it has at all. */
export function collectionFacetsUrl(collection) {
  return listingUrl({ ...fromQuery(''), collection }).replace(`limit=${PAGE_SIZE}`, 'limit=1');
}

/**
 * A request runner where only the newest request counts: starting one aborts the one before, so at
 * most one is in flight, and a response that arrives after a newer request started is dropped.
 * `run(url)` resolves to the body, or to undefined when a newer request superseded it.
 */
export function latestOnly() {
  let current = null;
  return async function run(url) {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    try {
      const body = await getJson(url, controller.signal);
      return controller === current ? body : undefined;
    } catch (error) {
      if (controller !== current) return undefined; // aborted or overtaken: not news for anyone
      throw error;
    } finally {
      if (controller === current) current = null;
    }
  };
}
