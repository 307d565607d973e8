import { describe, expect, it } from "vitest";
import { mergeCursorPages, nextCursorOf } from "./merge-cursor-pages";

type Page = { items: { id: string; name: string }[]; nextCursor: string | null };

describe("mergeCursorPages", () => {
  it("concatenates the pages in order", () => {
    const pages: Page[] = [
      {
        items: [
          { id: "a", name: "Ana" },
          { id: "b", name: "Ben" },
        ],
        nextCursor: "b",
      },
      { items: [{ id: "c", name: "Cy" }], nextCursor: null },
    ];
    expect(
      mergeCursorPages(
        pages,
        (p) => p.items,
        (i) => i.id,
      ).map((i) => i.id),
    ).toEqual(["a", "b", "c"]);
  });

  it("shows a row that moved between pages once, where it was first seen", () => {
    const pages: Page[] = [
      {
        items: [
          { id: "a", name: "Ana" },
          { id: "b", name: "Ben" },
        ],
        nextCursor: "b",
      },
      {
        items: [
          { id: "b", name: "Ben (newer)" },
          { id: "c", name: "Cy" },
        ],
        nextCursor: null,
      },
    ];
    const merged = mergeCursorPages(
      pages,
      (p) => p.items,
      (i) => i.id,
    );
    expect(merged.map((i) => i.name)).toEqual(["Ana", "Ben", "Cy"]);
  });

  it("is empty without pages", () => {
    expect(
      mergeCursorPages(
        [] as Page[],
        (p) => p.items,
        (i) => i.id,
      ),
    ).toEqual([]);
  });
});

describe("nextCursorOf", () => {
  it("ends the list on a null cursor", () => {
    expect(nextCursorOf({ nextCursor: "x" })).toBe("x");
    expect(nextCursorOf({ nextCursor: null })).toBeUndefined();
  });
});
