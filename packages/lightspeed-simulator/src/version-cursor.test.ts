import { describe, expect, it } from "vitest";
import { SimulatorError } from "./simulator-error";
import { MAX_PAGE_SIZE, pageByVersion, parseListQuery } from "./version-cursor";

describe("parseListQuery", () => {
  it("defaults after to 0 and clamps page_size to the maximum", () => {
    expect(parseListQuery({})).toMatchObject({ after: 0, before: null, pageSize: 100 });
    expect(parseListQuery({ page_size: "5000" }).pageSize).toBe(MAX_PAGE_SIZE);
  });

  it("rejects non-integer cursors", () => {
    expect(() => parseListQuery({ after: "abc" })).toThrow(SimulatorError);
    expect(() => parseListQuery({ page_size: "0" })).toThrow(SimulatorError);
  });
});

describe("pageByVersion", () => {
  const rows = [{ version: 5 }, { version: 2 }, { version: 9 }, { version: 7 }];

  it("returns rows after the cursor (exclusive) and before the bound (exclusive), ascending", () => {
    const page = pageByVersion(rows, { after: 2, before: 9, pageSize: 10, includeDeleted: false });
    expect(page.data.map((row) => row.version)).toEqual([5, 7]);
    expect(page.version).toEqual({ min: 5, max: 7 });
  });

  it("answers an empty page with null versions", () => {
    const page = pageByVersion(rows, {
      after: 9,
      before: null,
      pageSize: 10,
      includeDeleted: false,
    });
    expect(page).toEqual({ data: [], version: { min: null, max: null } });
  });
});
