import { describe, expect, it } from "vitest";
import { importUploadBody, uploadOptionsLine } from "./upload-body";

describe("uploadOptionsLine", () => {
  it("writes the options as one query-string line", () => {
    expect(uploadOptionsLine({ format: "ecwid", dryRun: true, fileName: "orders.csv" })).toBe(
      "?format=ecwid&dryRun=true&fileName=orders.csv\n",
    );
  });

  it("keeps only the file's own name, without control characters", () => {
    expect(
      uploadOptionsLine({
        format: "auto",
        dryRun: false,
        fileName: "C:\\exports\\jan&feb\u0007.csv",
      }),
    ).toBe("?format=auto&dryRun=false&fileName=jan%26feb.csv\n");
    expect(uploadOptionsLine({ format: "auto", dryRun: false, fileName: "  " })).toBe(
      "?format=auto&dryRun=false\n",
    );
  });
});

describe("importUploadBody", () => {
  it("is the options line followed by the file's bytes", async () => {
    const file = new Blob(["Order Number;Total\n1001;12.50\n"]);
    const body = importUploadBody(file, { format: "auto", dryRun: false, fileName: "a.csv" });
    expect(await body.text()).toBe(
      "?format=auto&dryRun=false&fileName=a.csv\nOrder Number;Total\n1001;12.50\n",
    );
  });
});
