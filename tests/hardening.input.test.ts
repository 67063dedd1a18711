/**
 * Hostile input at the edge: every answer stays a small RFC 9457 problem+json, whatever the size,
 * depth or encoding of what was sent, and the process is never blocked by parsing it.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from './helpers.js';

const app = useApp();
const PROBLEM = /^application\/problem\+json/;
/** "A few KB": the largest problem body any input may produce. */
const MAX_PROBLEM_BYTES = 8192;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  bytes: number;
}

async function send(payload: string, headers: Record<string, string> = {}, url = '/v1/thermal'): Promise<Answer> {
  const res = await app().inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.statusCode, headers: res.headers, body: res.json(), bytes: res.rawPayload.length };
}

function expectProblem(res: Answer, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({
    type: expect.stringMatching(/^urn:orbital-dc:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: expect.any(String),
  });
  expect(res.body.request_id).toBe(res.headers['x-request-id']);
  expect(res.bytes).toBeLessThan(MAX_PROBLEM_BYTES);
}

describe('quantity strings', () => {
  it('a 100,000-digit quantity is refused by its length before any pattern or unit parser reads it', async () => {
    const res = await send(JSON.stringify({ heat_kw: `${'1'.repeat(100_000)}x`, area_m2: 10 }));
    expectProblem(res, 400);
    expect(res.body.errors[0]).toEqual({
      pointer: '/heat_kw',
      message: expect.stringMatching(/expected at most 64 characters .*got a string of 100001 characters/),
    });
  }, 60_000);

  it('a numeric string and a number give the same answer', async () => {
    const asString = await send(JSON.stringify({ heat_kw: ' 100 ', area_m2: 10 }));
    const asNumber = await send(JSON.stringify({ heat_kw: 100, area_m2: 10 }));
    expect(asString.status).toBe(200);
    expect(asString.body).toEqual(asNumber.body);
  });
});
