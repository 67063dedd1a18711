/** Regenerates openapi/openapi.json from the app (`npm run openapi`). A test keeps it current. */
import { writeFileSync } from 'node:fs';
import { buildApp } from '../app.js';

export async function openapiDocument(): Promise<string> {
  const app = await buildApp();
  await app.ready();
  const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  return doc;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL('../../openapi/openapi.json', import.meta.url);
  writeFileSync(path, await openapiDocument());
  console.log(`wrote ${path.pathname}`);
}
