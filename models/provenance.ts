/**
 * What a response owes its reader beside the numbers: every default it used (`assumptions`) and
 * everything the caller should know (`warnings`). Estimators receive a Provenance, take their
 * defaults through it, and the registry attaches both lists to the output.
 */
import { CHOICES, type ChoiceName, DEFAULTS, type DefaultName, type SourceKey } from '../fixtures/index.js';
import { pointerTokens } from './pointer.js';

export interface Assumption {
  name: string;
  value: number | string | boolean;
  unit: string;
  source: SourceKey;
}

/**
 * The number assumed for a request field (a JSON pointer): the assumption named by its path
 * ("/thermal/radiator_temp_k" → "thermal.radiator_temp_k"), or by a longer name that ends with it (an
 * estimator run inside another reports under the field that carries its request); undefined when
 * none is a number.
 */
export function assumedNumber(assumptions: readonly Pick<Assumption, 'name' | 'value'>[], pointer: string): number | undefined {
  const name = pointerTokens(pointer).join('.');
  const found = assumptions.find((a) => a.name === name || a.name.endsWith(`.${name}`));
  return typeof found?.value === 'number' ? found.value : undefined;
}

export class Provenance {
  readonly assumptions: Assumption[] = [];
  readonly warnings: string[] = [];

  /**
   * Record a value the caller did not give, under the name of the request field that overrides it.
   * `source` is the key of its source: `Provenance.source(default)` when the value comes from a
   * default, a key of its own only for what no default stands for (a method, a convention).
   */
  assume(name: string, value: number | string | boolean, unit: string, source: SourceKey): void {
    if (!this.assumptions.some((a) => a.name === name)) this.assumptions.push({ name, value, unit, source });
  }

  /** The caller's value if given, else the catalogued default (recorded as an assumption). */
  orDefault(name: DefaultName, given: number | undefined, recordAs: string = name): number {
    if (given !== undefined) return given;
    const d = DEFAULTS[name];
    this.assume(recordAs, d.value, d.unit, d.source);
    return d.value;
  }

  /** The caller's choice if given, else the catalogued one (recorded as an assumption). */
  orChoice<T extends string>(name: ChoiceName, given: T | undefined, recordAs: string = name): T {
    if (given !== undefined) return given;
    const d = CHOICES[name];
    this.assume(recordAs, d.value, d.unit, d.source);
    return d.value as T;
  }

  /** The catalogued default without recording it (for limits that are not results' inputs). */
  static value(name: DefaultName): number {
    return DEFAULTS[name].value;
  }

  /** The source a default cites: what a figure taken from the default (or derived from it) cites. */
  static source(name: DefaultName | ChoiceName): SourceKey {
    return (name in DEFAULTS ? DEFAULTS[name as DefaultName] : CHOICES[name as ChoiceName]).source;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}
