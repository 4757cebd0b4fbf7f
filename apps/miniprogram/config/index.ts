import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/** Shared TypeScript from the monorepo (libs/), compiled by the same loader as src/. */
const libs = path.resolve(__dirname, '../../../libs');

interface SplitChunks {
  cacheGroups?: Record<string, unknown>;
}

interface Chain {
  resolve: { set: (key: string, value: unknown) => unknown };
  optimization: { get: (key: string) => unknown; splitChunks: (options: SplitChunks) => unknown };
}

/** libs/ is ESM TypeScript whose imports name the emitted `.js`: resolve them to the `.ts` sources. */
function resolveLibs(chain: Chain) {
  chain.resolve.set('extensionAlias', { '.js': ['.ts', '.js'] });
}

/**
 * H5 pages are loaded on demand; what several pages share (the client, components, formatting,
 * Taro's components) goes into one chunk fetched once instead of a copy in every page.
 */
function shareBetweenPages(chain: Chain) {
  resolveLibs(chain);
  const taro = (chain.optimization.get('splitChunks') ?? {}) as SplitChunks;
  chain.optimization.splitChunks({
    ...taro,
    cacheGroups: {
      ...taro.cacheGroups,
      pages: { chunks: 'async', minChunks: 2, name: 'pages-common', priority: 5, reuseExistingChunk: true },
    },
  });
}

// https://docs.taro.zone/docs/next/config
export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'carbon-inclusive-miniprogram',
    date: '2026-12-2',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    alias: { '@libs': libs },
    mini: {
      compile: { include: [libs] },
      webpackChain: resolveLibs,
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
    },
    h5: {
      publicPath: '/m/',
      // Taro's React components render native elements (input, div) that carry aria-* and id.
      useHtmlComponents: true,
      staticDirectory: 'static',
      router: { mode: 'browser', basename: '/m' },
      compile: { include: [libs] },
      webpackChain: shareBetweenPages,
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  };
  return merge({}, base);
});
