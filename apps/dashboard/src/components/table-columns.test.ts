import { describe, expect, it } from "vitest";
import { num, tableColumns } from "./table-columns";

describe("num", () => {
  it("does make a right-aligned column", () => {
    expect(num("Orders")).toEqual({ label: "Orders", className: "num" });
  });
});

describe("tableColumns", () => {
  it("does turn strings into labels and keep column objects", () => {
    expect(tableColumns(["Job", num("Took"), { className: "bar-col", label: "Share" }])).toEqual([
      { label: "Job" },
      { label: "Took", className: "num" },
      { label: "Share", className: "bar-col" },
    ]);
  });

  it("does leave out columns switched off", () => {
    const isOperator = false;
    expect(tableColumns(["Job", isOperator && "", null, undefined])).toEqual([{ label: "Job" }]);
  });

  it("does keep an unlabelled header cell", () => {
    const isOperator = true;
    expect(tableColumns(["Job", isOperator && ""])).toEqual([{ label: "Job" }, { label: "" }]);
  });
});
