/**
 * Every API route lives under /api (the web app is served at `/` by the same process). The OpenAPI
 * document keeps its paths without it and declares it as its server instead.
 */
export const API_PREFIX = 'api';

/** An absolute path of the API, for URLs the API hands out (Location, links to follow). */
export const apiPath = (path: string): string => `/${API_PREFIX}${path}`;
