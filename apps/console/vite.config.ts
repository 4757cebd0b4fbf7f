import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompressDirectory } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/console', import.meta.url));
/** The shared contracts (types and Chinese tables), as tsconfig.json's paths names them. */
const contracts = fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url));

/** After the build, a .br and .gz copy of each asset for the API to send (console-static.ts). */
const precompress = (): Plugin => ({
  name: 'precompress',
  apply: 'build',
  closeBundle() {
    precompressDirectory(outDir);
  },
});

// The console is served by the API under /console, so assets are addressed from there.
export default defineConfig({
  root,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [precompress()],
  resolve: { alias: { '@app/contracts': contracts } },
  build: {
    outDir,
    emptyOutDir: true,
    // Every page is its own chunk (pages/index.ts); the largest shared one is antd.
    chunkSizeWarningLimit: 1_000,
    rolldownOptions: {
      output: {
        // ECharts (with zrender) in a chunk of its own, fetched only by the pages that draw charts.
        // React in one of its own, so that what the lazy pages share is not merged into what the
        // login page loads.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
      // antd marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: { proxy: { '/admin': 'http://127.0.0.1:3000' } },
});
