import { describe, expect, it } from "vitest";
import { CUSTOMER_PAGE_SIZE, customerListInput } from "./customer-list-input";

describe("customerListInput", () => {
  it("leaves out empty filters, so equal filters share a cache entry", () => {
    expect(
      customerListInput({
        search: "  ",
        rfmSegment: "",
        tier: "",
        sort: "spend",
        direction: "desc",
      }),
    ).toEqual({ sort: "spend", direction: "desc", limit: CUSTOMER_PAGE_SIZE });
  });

  it("trims the search and keeps the filters given", () => {
    expect(
      customerListInput({
        search: " ana@ ",
        rfmSegment: "Champions",
        tier: "Gold",
        sort: "clv",
        direction: "asc",
      }),
    ).toEqual({
      search: "ana@",
      rfmSegment: "Champions",
      tier: "Gold",
      sort: "clv",
      direction: "asc",
      limit: CUSTOMER_PAGE_SIZE,
    });
  });
});
