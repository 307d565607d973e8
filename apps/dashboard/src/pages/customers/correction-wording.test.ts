import { describe, expect, it } from "vitest";
import {
  inRecordOrder,
  moveReasonText,
  type RecordFacts,
  recordLabel,
  splitRefusalText,
} from "./correction-wording";

const sale: RecordFacts = {
  key: "order:retail:9a1",
  kind: "in_store_sale",
  date: new Date("2026-03-04T10:00:00Z"),
  number: "1042",
  total: null,
  identifiers: [],
};
const account: RecordFacts = {
  ...sale,
  key: "retail_customer:c1",
  kind: "retail_customer",
  number: "C-7",
};
const records = new Map([
  [sale.key, sale],
  [account.key, account],
]);

describe("recordLabel", () => {
  it("names a record by what it is and its number, never its key", () => {
    expect(recordLabel(sale)).toBe("in-store sale #1042");
    expect(recordLabel(account)).toBe("X-Series customer (code C-7)");
    expect(recordLabel({ ...sale, kind: "online_order", number: null })).toBe("online order");
  });
});

describe("moveReasonText", () => {
  it("says which ticked record a companion goes with", () => {
    expect(
      moveReasonText(
        { kind: "same_retail_customer", retailCustomerId: "c1", with: sale.key },
        records,
      ),
    ).toBe(
      "Same X-Series customer as the in-store sale #1042 you ticked: a customer moves with all its sales.",
    );
    expect(
      moveReasonText(
        { kind: "linked", identifier: { kind: "PHONE", value: "+16155550177" }, with: account.key },
        records,
      ),
    ).toContain("phone +16155550177 with the moving X-Series customer (code C-7)");
  });
});

describe("splitRefusalText", () => {
  it("words every refusal without record keys or CLI flags", () => {
    const texts = [
      splitRefusalText({ kind: "not_records", records: [sale.key], own: [account.key] }, records),
      splitRefusalText({ kind: "nothing_or_everything", moving: 0, total: 2 }, records),
      splitRefusalText({ kind: "nothing_or_everything", moving: 2, total: 2 }, records),
      splitRefusalText({ kind: "indistinguishable", records: [sale.key] }, records),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/--|order:|retail_customer:/);
    }
    expect(texts[2]).toContain("all 2 of this customer's records");
    expect(texts[3]).toMatch(/^in-store sale #1042 carries only/);
  });
});

describe("inRecordOrder", () => {
  it("lists previewed records in the order the customer's records are shown, unknown ones last", () => {
    const moves = [{ key: "order:retail:zzz" }, { key: sale.key }, { key: account.key }];
    expect(inRecordOrder(moves, records).map((m) => m.key)).toEqual([
      sale.key,
      account.key,
      "order:retail:zzz",
    ]);
  });
});
