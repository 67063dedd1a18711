/**
 * Three-vectors as satellite.js returns them (`{ x, y, z }`, km or unit). Kept as plain functions
 * on that shape: the propagation loops call them millions of times, where converting to mathjs
 * matrices would cost more than the arithmetic.
 */
export type Vec3 = { x: number; y: number; z: number };

export const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;
export const norm = (a: Vec3): number => Math.sqrt(dot(a, a));
export const unit = (a: Vec3): Vec3 => {
  const n = norm(a);
  return { x: a.x / n, y: a.y / n, z: a.z / n };
};
/** Distance between two points, in their unit. */
export const distanceKm = (a: Vec3, b: Vec3): number => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
