import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { parsePublicBaseUrl } from "./public-base-url";

describe("parsePublicBaseUrl", () => {
  it("keeps an https base and its path prefix, without trailing slashes", () => {
    expect(parsePublicBaseUrl("https://sync.example.com/")).toBe("https://sync.example.com");
    expect(parsePublicBaseUrl("https://Example.com:8443/greenloop//")).toBe(
      "https://example.com:8443/greenloop",
    );
  });

  it("allows http only for a loopback host", () => {
    expect(parsePublicBaseUrl("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(parsePublicBaseUrl("http://localhost:3000")).toBe("http://localhost:3000");
    expect(parsePublicBaseUrl("http://[::1]:3000")).toBe("http://[::1]:3000");
  });

  it("refuses what is not a public base URL with BAD_INPUT", () => {
    for (const value of [
      undefined,
      "",
      "sync.example.com",
      "/api",
      "ftp://sync.example.com",
      "http://sync.example.com",
      "http://10.0.0.5",
      "https://user:pw@sync.example.com",
      "https://sync.example.com/?a=1",
      "https://sync.example.com/#x",
    ]) {
      const failure = (() => {
        try {
          return parsePublicBaseUrl(value);
        } catch (error) {
          return error;
        }
      })();
      expect(failure, String(value)).toBeInstanceOf(DomainError);
      expect((failure as DomainError).code).toBe("BAD_INPUT");
    }
  });
});
