/** The launch answer as documented: every field says what it means (the unit is in its name), no figure is an untyped object. */
import { expect, it } from 'vitest';
import { LaunchOutput } from '../models/launch.js';
import { undocumented } from './output-schema.js';

it('launch output: every field described, every composite typed', () => {
  expect(undocumented(LaunchOutput)).toEqual({ undescribed: [], untyped: [] });
});
