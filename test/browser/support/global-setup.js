// The browser suite's global setup: this run's screenshots start from an empty folder (once for all
// spec files, so one file does not wipe another's), then the e2e setup names the template database.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import e2eSetup from '../../support/global-setup.js';

export default async function globalSetup() {
  const screenshots = join(process.cwd(), 'test-artifacts', 'screenshots');
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  rmSync(join(process.cwd(), 'test-artifacts', 'page-checks'), { recursive: true, force: true });
  await e2eSetup();
}
