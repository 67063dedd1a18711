/** The layers: models/ is a library (DESIGN §7) and imports nothing from src/ or api/. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const MODELS = new URL('../models/', import.meta.url);

describe('layering', () => {
  it('models/ imports nothing from src/ or api/', () => {
    const offending = readdirSync(MODELS)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => {
        const text = readFileSync(new URL(f, MODELS), 'utf8');
        return [...text.matchAll(/from\s+'(\.\.\/(?:src|api)\/[^']+)'/g)].map((m) => `${f} → ${m[1]}`);
      });
    expect(offending).toEqual([]);
  });
});
