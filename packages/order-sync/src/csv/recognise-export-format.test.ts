import { describe, expect, it } from "vitest";
import { ECWID_ORDER_COLUMNS, ECWID_SAMPLE_HEADER_LINE, SHOPIFY_ORDER_COLUMNS } from "./formats";
import { detectEcomCsvFormat } from "./recognise-export-format";

describe("detectEcomCsvFormat", () => {
  it("does recognise the verbatim 109-column E-Series header with its quoted custom columns", () => {
    const detected = detectEcomCsvFormat(ECWID_SAMPLE_HEADER_LINE);
    expect(detected.format).toBe("ecwid");
    expect(detected.delimiter).toBe(";");
    expect(detected.headers).toHaveLength(109);
    expect(detected.headers[104]).toBe('Free Shipping $100 Min. Use Code "freeshipping"');
  });

  it("does recognise comma- and tab-separated E-Series headers, with a BOM and CRLF", () => {
    expect(detectEcomCsvFormat(`\uFEFF${ECWID_ORDER_COLUMNS.join(",")}\r\n`)).toMatchObject({
      format: "ecwid",
      delimiter: ",",
    });
    expect(detectEcomCsvFormat(ECWID_ORDER_COLUMNS.join("\t")).delimiter).toBe("\t");
  });

  it("does recognise the Shopify header, including an older shorter one", () => {
    expect(detectEcomCsvFormat(SHOPIFY_ORDER_COLUMNS.join(",")).format).toBe("shopify");
    expect(detectEcomCsvFormat(SHOPIFY_ORDER_COLUMNS.slice(0, 70).join(",")).format).toBe(
      "shopify",
    );
  });

  it("does return a null format for an unknown header", () => {
    expect(detectEcomCsvFormat("id,first_name,last_name").format).toBeNull();
  });
});
