// The retailer-global version counter behind the API 2.0 cursor. Real versions are global and not
// contiguous per resource ("it shouldn't be assumed that subsequent versions … will be incremented
// by 1"), so the counter skips numbers now and then to catch clients that assume +1.
import type { SeededRandom } from "./seeded-random";

export class VersionCounter {
  private value: number;

  constructor(
    private readonly random: SeededRandom,
    start = 1_000_000,
  ) {
    this.value = start;
  }

  get current(): number {
    return this.value;
  }

  next(): number {
    // Other resource types we do not simulate (products, inventory…) consume versions too.
    const gap = this.random.chance(0.2) ? this.random.int(1, 40) : 0;
    this.value += 1 + gap;
    return this.value;
  }
}
