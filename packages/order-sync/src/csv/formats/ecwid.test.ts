import { describe, expect, it } from "vitest";
import { ecwidFormat } from "./ecwid";

describe("ecwidFormat", () => {
  it("does keep codes as written and read a label as its legacy code", () => {
    const { status } = ecwidFormat;
    expect(status.normalizeCode("AWAITING_PAYMENT")).toBe("AWAITING_PAYMENT");
    expect(status.paymentCodeFromLabel(" Awaiting Payment ")).toBe("QUEUED");
    expect(status.fulfillmentCodeFromLabel("Delivery Canceled")).toBe("WILL_NOT_DELIVER");
    expect(status.fulfillmentCodeFromLabel("Lost at sea")).toBeNull();
  });
});
