import { describe, expect, it } from "vitest";
import { wrapText } from "./wrap-text";

const prose =
  "Import a Lightspeed eCom (E-Series/Ecwid) order export CSV: new orders are added, changed ones updated " +
  "(with a change record), repeats left alone, so re-importing is safe. Run `pnpm cli imports errors <runId>` after.";

/** Every word of `text`, in order, whole: nothing was cut or lost. */
const wordsOf = (lines: string[]) => lines.join(" ").split(/\s+/).filter(Boolean);

describe("wrapText", () => {
  it("does break between words only, every line within the width, with a hanging indent", () => {
    for (const width of [40, 57, 80, 120]) {
      const lines = wrapText(prose, { width, indent: 2, hangingIndent: 6 });
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(width);
      expect(wordsOf(lines)).toEqual(wordsOf([prose]));
      expect(lines[0]?.startsWith("  Import")).toBe(true);
      for (const line of lines.slice(1)) expect(line).toMatch(/^ {6}\S/);
    }
  });

  it("does keep a `code span` on one line, and bracketed usage groups when asked", () => {
    const lines = wrapText(prose, { width: 50 });
    expect(lines.some((l) => l.includes("`pnpm cli imports errors <runId>`"))).toBe(true);

    const usage =
      "import-ecom <file> [--dry-run] [--format auto|ecwid|shopify] [--mapping <json file or JSON>] [--json]";
    const wrapped = wrapText(usage, { width: 60, hangingIndent: 6, keepGroups: true });
    expect(wrapped).toEqual([
      "import-ecom <file> [--dry-run] [--format auto|ecwid|shopify]",
      "      [--mapping <json file or JSON>] [--json]",
    ]);
  });

  it("does break a group between its words when it is wider than a line, and cut only a word wider than a line", () => {
    const group = wrapText("[--a-long-option <with a value that goes on and on>]", {
      width: 20,
      keepGroups: true,
    });
    expect(Math.max(...group.map((l) => l.length))).toBeLessThanOrEqual(20);
    expect(wordsOf(group)).toEqual(
      wordsOf(["[--a-long-option <with a value that goes on and on>]"]),
    );

    // Cut after a "/" where there is one.
    expect(wrapText("see https://example.com/a/very/long/path", { width: 16 })).toEqual([
      "see https://",
      "example.com/a/",
      "very/long/path",
    ]);
  });
});
