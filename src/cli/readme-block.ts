/**
 * The README's generated blocks: text between two marker comments, rewritten by a script from the
 * service's own answers and checked by a test.
 */
import { buildApp } from '../app.js';

export const README_PATH = new URL('../../README.md', import.meta.url);

/** The README with the text between `start` and `end` replaced by `block`. */
export function withBlock(readme: string, start: string, end: string, block: string): string {
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README: no ${start} … ${end} block`);
  return `${readme.slice(0, a + start.length)}\n${block}\n${readme.slice(b)}`;
}

/** POST a body to a route of the service and take its answer's text (anything but a 200 throws). */
export type Ask = (url: string, payload: object, accept?: string) => Promise<string>;

/** Ask the service, built in this process and closed after, what the README shows. */
export async function askService<T>(questions: (ask: Ask) => Promise<T>): Promise<T> {
  const app = await buildApp();
  try {
    return await questions(async (url, payload, accept = 'application/json') => {
      const res = await app.inject({ method: 'POST', url, payload, headers: { accept } });
      if (res.statusCode !== 200) throw new Error(`POST ${url} (${accept}) answered ${res.statusCode}: ${res.body}`);
      return res.body;
    });
  } finally {
    await app.close();
  }
}
