import { describe, expect, it } from "vitest";
import type { Identifier } from "./identifier-kind";
import { maskIdentifier } from "./mask-identifier";

describe("maskIdentifier", () => {
  it.each<[Identifier, string]>([
    [{ kind: "EMAIL", value: "jane.doe@gmail.com" }, "j***@g***.com"],
    [{ kind: "EMAIL", value: "jane@mail.example.co.uk" }, "j***@m***.uk"],
    [{ kind: "EMAIL_LOOSE", value: "janedoe@gmail.com" }, "j***@g***.com"],
    [{ kind: "EMAIL", value: "élodie@example.com" }, "é***@e***.com"],
    [{ kind: "EMAIL", value: "not-an-email" }, "***"],
    [{ kind: "PHONE", value: "+16155550101" }, "+1********01"],
    [{ kind: "PHONE", value: "+442079460958" }, "+44********58"],
    [{ kind: "PHONE", value: "+6831234" }, "+683****"],
    [{ kind: "PHONE", value: "garbage" }, "***"],
    [
      { kind: "RETAIL_CUSTOMER_ID", value: "0a6f1b2c-0000-4000-8000-000000000001" },
      "0a6f1b2c-0000-4000-8000-000000000001",
    ],
  ])("does mask %j as %j", (id, expected) => {
    expect(maskIdentifier(id)).toBe(expected);
  });

  it("does never contain the full email or phone", () => {
    const email = "jane.doe@example.com";
    const phone = "+16155550101";
    expect(maskIdentifier({ kind: "EMAIL", value: email })).not.toContain("jane.doe");
    expect(maskIdentifier({ kind: "PHONE", value: phone })).not.toContain("6155550101");
    expect(maskIdentifier({ kind: "PHONE", value: phone })).not.toContain("555");
  });
});
