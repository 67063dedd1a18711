/** Fixtures carry provenance: every default cites a source that exists, every source has a citation, a URL and a date. */
import { describe, expect, it } from 'vitest';
import { CHOICES, DEFAULTS, SOURCES } from '../fixtures/index.js';

describe('fixtures', () => {
  it('every default has a finite value, a unit and a known source', () => {
    expect(Object.keys(DEFAULTS).length).toBeGreaterThan(0);
    for (const [name, d] of Object.entries(DEFAULTS)) {
      expect(Number.isFinite(d.value), name).toBe(true);
      expect(d.unit, name).toBeTypeOf('string');
      expect(SOURCES, `${name} cites ${d.source}`).toHaveProperty(d.source);
    }
  });

  it('every choice default is a non-empty value with a known source', () => {
    expect(Object.keys(CHOICES).length).toBeGreaterThan(0);
    for (const [name, c] of Object.entries(CHOICES)) {
      expect(c.value.length, name).toBeGreaterThan(0);
      expect(SOURCES, `${name} cites ${c.source}`).toHaveProperty(c.source);
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
