import { describe, expect, it } from "vitest";
import { customerSchema } from "../lightspeed/schemas/customer";
import { consentOfEcomOrder } from "./ecom-order-consent";
import { consentOfRetailCustomer } from "./retail-customer-consent";

const receivedAt = new Date("2026-12-01T00:00:00Z");
const customer = (fields: Record<string, unknown>) =>
  customerSchema.parse({ id: "c-1", version: 7, ...fields });

describe("consentOfRetailCustomer", () => {
  it("does read do_not_email true as a denial and false as the default (a grant that only replaces an answer), at updated_at", () => {
    const updated = "2026-03-04T05:06:07+00:00";
    expect(
      consentOfRetailCustomer(customer({ do_not_email: true, updated_at: updated }), receivedAt),
    ).toEqual([
      {
        channel: "email",
        status: "denied",
        source: "xseries:c-1",
        observedAt: new Date("2026-03-04T05:06:07Z"),
        isDefault: false,
      },
    ]);
    expect(
      consentOfRetailCustomer(customer({ do_not_email: false, updated_at: updated }), receivedAt),
    ).toMatchObject([{ channel: "email", status: "granted", isDefault: true }]);
  });

  it("does add sms only when the record carries enable_promotional_sms", () => {
    const both = consentOfRetailCustomer(
      customer({ do_not_email: false, enable_promotional_sms: false }),
      receivedAt,
    );
    expect(both.map((o) => [o.channel, o.status, o.isDefault])).toEqual([
      ["email", "granted", true],
      ["sms", "denied", true],
    ]);
    const optedIn = consentOfRetailCustomer(
      customer({ do_not_email: true, enable_promotional_sms: true }),
      receivedAt,
    );
    expect(optedIn.map((o) => [o.channel, o.status, o.isDefault])).toEqual([
      ["email", "denied", false],
      ["sms", "granted", false],
    ]);
    // No time on the record: the time it reached us.
    expect(both[0]?.observedAt).toEqual(receivedAt);
  });

  it("does say nothing for a record without the flags (absent is unknown)", () => {
    expect(consentOfRetailCustomer(customer({}), receivedAt)).toEqual([]);
  });
});

describe("consentOfEcomOrder", () => {
  const placedAt = new Date("2026-05-06T17:00:00Z");
  it("does turn the order's answer into an email observation at its placed time", () => {
    expect(consentOfEcomOrder({ orderNumber: "1001", placedAt, acceptsMarketing: false })).toEqual([
      {
        channel: "email",
        status: "denied",
        source: "ecom:1001",
        observedAt: placedAt,
        isDefault: false,
      },
    ]);
    expect(
      consentOfEcomOrder({ orderNumber: "1002", placedAt, acceptsMarketing: true })[0]?.status,
    ).toBe("granted");
  });

  it("does say nothing when the export had no answer", () => {
    expect(consentOfEcomOrder({ orderNumber: "1003", placedAt, acceptsMarketing: null })).toEqual(
      [],
    );
  });
});
