import { describe, expect, it } from "vitest";
import { OrderNumberIndex } from "./order-number-index";

describe("OrderNumberIndex", () => {
  it("does keep the first line of every order number, plain or not, through growth", () => {
    const index = new OrderNumberIndex();
    for (let n = 1; n <= 50_000; n++) index.add(String(n * 7919), n + 1);
    index.add("7919", 999_999); // known already: the first line stays
    index.add("0012", 5);
    index.add("#1001", 6);
    index.add("12", 7);
    index.add("9007199254740", 8); // beyond 2^32
    expect(index.size).toBe(50_004);
    expect(index.get("7919")).toBe(2);
    expect(index.get(String(50_000 * 7919))).toBe(50_001);
    expect(index.get("0012")).toBe(5);
    expect(index.get("12")).toBe(7);
    expect(index.get("#1001")).toBe(6);
    expect(index.get("9007199254740")).toBe(8);
    expect(index.get("13")).toBeUndefined();
    expect(index.get("A-17")).toBeUndefined();
  });
});
