import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { previewOpenApiDocument } from './openapi-document.js';

/** `node dist/apps/api/src/write-openapi.js [file]`: writes the OpenAPI document (default build/openapi.json). */
const target = resolve(process.argv[2] ?? 'build/openapi.json');
const document = await previewOpenApiDocument();
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${target} (${Object.keys(document.paths).length} paths)\n`);
