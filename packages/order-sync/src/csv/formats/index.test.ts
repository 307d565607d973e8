import { describe, expect, it } from "vitest";
import { ECWID_ORDER_COLUMNS, ecwidFormat } from "./ecwid";
import { ecomExportFormatChoices, ecomExportFormatNames } from "./format-names";
import { ecomExportFormats } from "./index";
import { SHOPIFY_ORDER_COLUMNS, shopifyFormat } from "./shopify";

describe("ecomExportFormats", () => {
  it("does hold a format for every name, in detection order", () => {
    expect(ecomExportFormats.map((format) => format.name)).toEqual([...ecomExportFormatNames]);
    expect(ecomExportFormatChoices).toEqual(["auto", ...ecomExportFormatNames]);
  });

  it.each([
    [ecwidFormat, ECWID_ORDER_COLUMNS],
    [shopifyFormat, SHOPIFY_ORDER_COLUMNS],
  ])("does map and recognise only columns of the $name export", (format, columns) => {
    const known = new Set<string>(columns);
    expect(Object.values(format.columns).filter((name) => !known.has(name))).toEqual([]);
    expect(format.header.signature.filter((name) => !known.has(name))).toEqual([]);
  });
});
