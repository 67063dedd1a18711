/** Fixtures carry provenance: every default cites a source that exists, every source has a citation, a URL and a date. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, SOURCES } from '../fixtures/index.js';

describe('fixtures', () => {
  it('every default has a finite value, a unit and a known source', () => {
    expect(Object.keys(DEFAULTS).length).toBeGreaterThan(0);
    for (const [name, d] of Object.entries(DEFAULTS)) {
      expect(Number.isFinite(d.value), name).toBe(true);
      expect(d.unit, name).toBeTypeOf('string');
      expect(SOURCES, `${name} cites ${d.source}`).toHaveProperty(d.source);
    }
  });

  it('every source has a citation, a URL and an as_of date no later than today', () => {
    for (const [key, s] of Object.entries(SOURCES)) {
      expect(s.citation.length, key).toBeGreaterThan(10);
      expect(() => new URL(s.url), key).not.toThrow();
      expect(Date.parse(s.as_of), key).toBeLessThanOrEqual(Date.now());
    }
  });
});
