import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignatureHeader, verifyWebhookSignature } from "./webhook-signature";

const secret = "test-client-secret";
const rawBody =
  "domain_prefix=teststore&environment=prod&payload=%7B%22id%22%3A%22s1%22%2C%22status%22%3A%22CLOSED%22%7D";

function sign(content: string, encoding: "hex" | "base64", key = secret): string {
  return createHmac("sha256", key).update(content, "utf8").digest(encoding);
}

function header(signature: string): string {
  return `signature=${signature},algorithm=HMAC-SHA256`;
}

describe("verifyWebhookSignature", () => {
  it("accepts a hex signature of the raw body", () => {
    const result = verifyWebhookSignature({
      rawBody,
      header: header(sign(rawBody, "hex")),
      secret,
    });
    expect(result).toEqual({ status: "valid", encoding: "hex", signedContent: "raw-body" });
  });

  it("accepts a base64 signature of the raw body", () => {
    const result = verifyWebhookSignature({
      rawBody: Buffer.from(rawBody),
      header: header(sign(rawBody, "base64")),
      secret,
    });
    expect(result).toEqual({ status: "valid", encoding: "base64", signedContent: "raw-body" });
  });

  it("holds to a configured encoding", () => {
    const hex = header(sign(rawBody, "hex"));
    const base64 = header(sign(rawBody, "base64"));
    expect(verifyWebhookSignature({ rawBody, header: hex, secret, encoding: "hex" }).status).toBe(
      "valid",
    );
    expect(
      verifyWebhookSignature({ rawBody, header: base64, secret, encoding: "hex" }),
    ).toMatchObject({ status: "malformed-header" });
    expect(
      verifyWebhookSignature({ rawBody, header: hex, secret, encoding: "base64" }),
    ).toMatchObject({ status: "malformed-header" });
  });

  it("rejects a tampered body", () => {
    const tampered = rawBody.replace("CLOSED", "VOIDED");
    const result = verifyWebhookSignature({
      rawBody: tampered,
      header: header(sign(rawBody, "hex")),
      secret,
    });
    expect(result).toEqual({ status: "mismatch" });
  });

  it("rejects a signature made with another secret", () => {
    const result = verifyWebhookSignature({
      rawBody,
      header: header(sign(rawBody, "base64", "another-secret")),
      secret,
    });
    expect(result).toEqual({ status: "mismatch" });
  });

  it("reports a missing header", () => {
    expect(verifyWebhookSignature({ rawBody, header: undefined, secret })).toEqual({
      status: "missing-header",
    });
    expect(verifyWebhookSignature({ rawBody, header: "  ", secret })).toEqual({
      status: "missing-header",
    });
  });

  it("reports a header it cannot read", () => {
    expect(verifyWebhookSignature({ rawBody, header: "algorithm=HMAC-SHA256", secret })).toEqual({
      status: "malformed-header",
      reason: "header has no signature",
    });
    expect(
      verifyWebhookSignature({ rawBody, header: header("not-a-digest"), secret }),
    ).toMatchObject({ status: "malformed-header" });
    const sha1 = `signature=${sign(rawBody, "hex")},algorithm=HMAC-SHA1`;
    expect(verifyWebhookSignature({ rawBody, header: sha1, secret })).toEqual({
      status: "malformed-header",
      reason: "algorithm is not HMAC-SHA256",
    });
  });

  it("verifies a signature over the decoded payload only when configured to", () => {
    const payload = '{"id":"s1","status":"CLOSED"}';
    const payloadHeader = header(sign(payload, "hex"));
    expect(verifyWebhookSignature({ rawBody, header: payloadHeader, secret })).toEqual({
      status: "mismatch",
    });
    expect(
      verifyWebhookSignature({ rawBody, header: payloadHeader, secret, signedContent: "either" }),
    ).toEqual({ status: "valid", encoding: "hex", signedContent: "payload" });
  });

  it("refuses to run without a secret", () => {
    expect(() => verifyWebhookSignature({ rawBody, header: "x", secret: "" })).toThrow(
      "secret is empty",
    );
  });
});

describe("parseSignatureHeader", () => {
  it("reads the documented format in any order, with or without spaces", () => {
    expect(parseSignatureHeader("signature=abc123,algorithm=HMAC-SHA256")).toEqual({
      signature: "abc123",
      algorithm: "HMAC-SHA256",
    });
    expect(parseSignatureHeader("algorithm=hmac-sha256, signature=abc123")).toEqual({
      signature: "abc123",
      algorithm: "HMAC-SHA256",
    });
  });

  it("takes a bare digest, padded base64 included, as the signature", () => {
    const digest = sign(rawBody, "base64");
    expect(digest.endsWith("=")).toBe(true);
    expect(parseSignatureHeader(digest)).toEqual({ signature: digest, algorithm: "HMAC-SHA256" });
  });
});
