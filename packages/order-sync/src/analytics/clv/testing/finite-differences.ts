// Test-only check of analytic gradients against finite differences of the value alone.
import { expect } from "vitest";
import type { ValueAndGradient } from "../lbfgs";

/**
 * ∂f/∂xᵢ by the five-point stencil (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h: truncation error
 * O(h⁴), so h = 1e-3 leaves ~1e-12 of it and ~1e-13 of rounding on objectives of order 1.
 */
export function finiteDifferenceGradient(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  h = 1e-3,
): number[] {
  return x.map((_, i) => {
    const at = (offset: number) => f(x.map((value, j) => (j === i ? value + offset : value)));
    return (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
  });
}

/**
 * The largest relative error of the gradient's components, each against its own magnitude, or
 * 1e-4 of the largest one's for components that are (nearly) 0, where the finite difference is
 * only rounding.
 */
export function gradientRelativeError(
  f: (x: readonly number[]) => ValueAndGradient,
  x: readonly number[],
): number {
  const { gradient } = f(x);
  const numeric = finiteDifferenceGradient((point) => f(point).value, x);
  const floor = 1e-4 * Math.max(...numeric.map(Math.abs));
  return Math.max(
    ...numeric.map(
      (value, i) =>
        Math.abs((gradient[i] ?? Number.NaN) - value) / Math.max(Math.abs(value), floor),
    ),
  );
}

export function expectGradientMatchesFiniteDifferences(
  f: (x: readonly number[]) => ValueAndGradient,
  x: readonly number[],
  tolerance = 1e-6,
): void {
  expect(gradientRelativeError(f, x)).toBeLessThan(tolerance);
}
