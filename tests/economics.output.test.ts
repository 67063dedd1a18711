/** The economics answer as documented: every field says what it means (the unit is in its name), no figure is an untyped object. */
import { expect, it } from 'vitest';
import { EconomicsOutput } from '../models/economics.js';
import { undocumented } from './output-schema.js';

it('economics output: every field described, every composite typed', () => {
  expect(undocumented(EconomicsOutput)).toEqual({ undescribed: [], untyped: [] });
});
