import { describe, expect, it } from "vitest";
import { SeededRandom } from "./seeded-random";

describe("SeededRandom", () => {
  it("repeats the same stream for the same seed and differs for another seed", () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return [random.next(), random.int(1, 100), random.uuid()];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("draws integers inside the inclusive range and well-formed v4 uuids", () => {
    const random = new SeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const value = random.int(3, 5);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(5);
    }
    expect(random.uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
