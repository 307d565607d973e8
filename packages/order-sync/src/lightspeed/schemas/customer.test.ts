import { describe, expect, it } from "vitest";
import { buildCustomer } from "../testing/fixtures";
import { customerSchema } from "./customer";
import { customerGroupSchema, outletSchema, registerSchema } from "./reference-data";

describe("customerSchema", () => {
  it("parses a full customer with exact balances", () => {
    const customer = customerSchema.parse(buildCustomer());
    expect(customer.version).toBe(2691964626);
    expect(customer.balance?.toString()).toBe("-25.85");
    expect(customer.loyalty_balance?.toString()).toBe("8.60337");
    expect(customer.on_account_limit).toBeNull();
    expect(customer.updated_at?.toISOString()).toBe("2026-01-19T16:49:35.000Z");
  });

  it("accepts a sparse customer whose empty fields are omitted", () => {
    const customer = customerSchema.parse({
      id: "c2",
      customer_code: "UNNAMED-0001",
      first_name: null,
      last_name: null,
      version: 7,
    });
    expect(customer.email).toBeNull();
    expect(customer.customer_group_id).toBeNull();
    expect(customer.balance).toBeNull();
  });

  it("keeps unknown fields", () => {
    const customer = customerSchema.parse(buildCustomer({ tax_id: "T-1", custom_field_1: "vip" }));
    expect(customer.tax_id).toBe("T-1");
    expect(customer.custom_field_1).toBe("vip");
  });

  it("rejects a customer without a version", () => {
    const result = customerSchema.safeParse(buildCustomer({ version: undefined }));
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["version"]);
  });
});

describe("customerGroupSchema", () => {
  it("parses the minimal group shape", () => {
    const group = customerGroupSchema.parse({ id: "g1", name: "All Customers", group_id: "all" });
    expect(group.name).toBe("All Customers");
    expect(group.version).toBeNull();
  });
});

describe("registerSchema", () => {
  it("parses the minimal register shape", () => {
    const register = registerSchema.parse({
      id: "r1",
      name: "Online",
      outlet_id: "o1",
      version: 3,
    });
    expect(register.outlet_id).toBe("o1");
  });
});

describe("outletSchema", () => {
  it("parses the minimal outlet shape", () => {
    const outlet = outletSchema.parse({ id: "o1", name: "Main St", time_zone: "America/Chicago" });
    expect(outlet.time_zone).toBe("America/Chicago");
  });
});
