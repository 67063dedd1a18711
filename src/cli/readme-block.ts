/** A block of the README between two marker comments, rewritten by a script and checked by a test. */

/** The README with the text between `start` and `end` replaced by `block`. */
export function withBlock(readme: string, start: string, end: string, block: string): string {
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README: no ${start} … ${end} block`);
  return `${readme.slice(0, a + start.length)}\n${block}\n${readme.slice(b)}`;
}
