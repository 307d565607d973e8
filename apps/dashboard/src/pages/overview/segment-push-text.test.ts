import { describe, expect, it } from "vitest";
import { customersWord, groupMovesText, leftAloneText, undoResultText } from "./segment-push-text";

describe("customersWord", () => {
  it("says customer or customers with the count", () => {
    expect(customersWord(1, "en-US")).toBe("1 customer");
    expect(customersWord(1200, "en-US")).toBe("1,200 customers");
  });
});

describe("groupMovesText", () => {
  it("lists the groups records leave, the largest first", () => {
    expect(groupMovesText(3, { Silver: 1, "All Customers": 2 }, "en-US")).toBe(
      "3 records, from All Customers (2) and Silver (1)",
    );
    expect(groupMovesText(4, { Bronze: 1, Gold: 1, Silver: 2 }, "en-US")).toBe(
      "4 records, from Silver (2), Bronze (1) and Gold (1)",
    );
    expect(groupMovesText(1, { Silver: 1 }, "en-US")).toBe("1 record, from Silver (1)");
  });

  it("says nothing when nothing moves", () => {
    expect(groupMovesText(0, {}, "en-US")).toBe("");
  });
});

describe("leftAloneText", () => {
  const none = { "moved-since": 0, "no-previous-group": 0, deleted: 0, failed: 0 };

  it("says how many were left alone and why", () => {
    expect(leftAloneText({ ...none, "moved-since": 2, failed: 1 }, "en-US")).toBe(
      "Left 3 alone: 2 moved to another group since the push; 1 refused by X-Series.",
    );
  });

  it("says nothing when every record was put back", () => {
    expect(leftAloneText(none, "en-US")).toBe("");
  });
});

describe("undoResultText", () => {
  const none = { "moved-since": 0, "no-previous-group": 0, deleted: 0, failed: 0 };

  it("says how many were put back, then what was left alone and why", () => {
    expect(undoResultText({ undone: 4, leftAlone: none, stopped: null }, "en-US")).toBe(
      "Put 4 X-Series customer record(s) back in their previous group.",
    );
    expect(
      undoResultText(
        { undone: 1, leftAlone: { ...none, "moved-since": 1 }, stopped: "Lightspeed is down." },
        "en-US",
      ),
    ).toBe(
      "Put 1 X-Series customer record(s) back in their previous group. Left 1 alone: 1 moved to another group since the push. Stopped early: Lightspeed is down.",
    );
  });
});
