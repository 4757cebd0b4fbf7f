export { api, ApiError, downloadCsv, get, patch, post, type RequestOptions } from './http';
export { typed, unwrap, type Schema } from './client';
