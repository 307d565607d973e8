import { describe, expect, it } from "vitest";
import { favouriteSharesText } from "./favourite-shares";

describe("favouriteSharesText", () => {
  it("does list the favourites with whole-percent shares, or a dash without any", () => {
    expect(
      favouriteSharesText([
        { name: "Flower", share: 0.6249 },
        { name: "Edibles", share: 0.21 },
      ]),
    ).toBe("Flower 62% · Edibles 21%");
    expect(favouriteSharesText([])).toBe("—");
  });
});
