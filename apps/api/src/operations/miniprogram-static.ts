import type { FastifyInstance } from 'fastify';
import { registerSpa } from './spa-static.js';

export const MINIPROGRAM_PATH = '/m';

/** Taro names its scripts and styles js/[name].[contenthash:8].js and css/…; static/ holds the rest. */
const HASHED = /(^|\/)[^/]+\.[0-9a-f]{8}\.[A-Za-z0-9]+$/;
const ASSET_DIRS = /^(js|css|static)\//;

/**
 * Serves the citizens' mini-program as H5 (apps/miniprogram/dist/h5, MINIPROGRAM_DIR) under /m/, for
 * browsers and city app webviews. Compressed: it is the phone's first download.
 */
export async function registerMiniprogram(fastify: FastifyInstance, dir: string): Promise<void> {
  await registerSpa(fastify, {
    path: MINIPROGRAM_PATH,
    dir,
    hashed: (file) => HASHED.test(file),
    asset: (file) => ASSET_DIRS.test(file),
    notBuilt: {
      code: 'MINIPROGRAM_NOT_BUILT',
      message: 'run npm run build:miniprogram',
      title: '小程序 H5 版尚未构建',
    },
    compress: true,
  });
}
