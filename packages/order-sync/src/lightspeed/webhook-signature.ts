// Verifies Lightspeed's webhook signature (reference §8.5): header
// `X-Signature: signature=<digest>,algorithm=HMAC-SHA256`, an HMAC of the request body keyed with the
// OAuth app's client secret. Only OAuth apps get signed webhooks, so a missing header is its own result.
import { createHmac, timingSafeEqual } from "node:crypto";
import { DomainError } from "../errors";

/**
 * Digest encoding is UNCONFIRMED (the documented sample is neither hex nor base64): `either`, the
 * default, accepts whichever of the two matches.
 */
export type SignatureEncoding = "hex" | "base64" | "either";

/**
 * What was signed is UNCONFIRMED: "the webhook request body" most likely means the raw form body
 * (the default, `raw-body`); `payload` is the decoded `payload` field; `either` tries both.
 */
export type SignedContent = "raw-body" | "payload" | "either";

export interface VerifyWebhookSignatureOptions {
  /** The exact bytes received, before any parsing. */
  rawBody: string | Uint8Array;
  /** The `X-Signature` header value, if any. */
  header: string | null | undefined;
  /** The OAuth app's client secret. */
  secret: string;
  encoding?: SignatureEncoding;
  signedContent?: SignedContent;
}

export type WebhookSignatureResult =
  | { status: "valid"; encoding: "hex" | "base64"; signedContent: "raw-body" | "payload" }
  | { status: "missing-header" }
  /** The header is there but has no readable signature, or names an algorithm we do not accept. */
  | { status: "malformed-header"; reason: string }
  | { status: "mismatch" };

const digestBytes = 32; // SHA-256

export function verifyWebhookSignature(
  options: VerifyWebhookSignatureOptions,
): WebhookSignatureResult {
  if (options.secret === "") {
    throw new DomainError("CONFIG", "webhook client secret is empty");
  }
  const header = options.header?.trim() ?? "";
  if (header === "") return { status: "missing-header" };

  const parsed = parseSignatureHeader(header);
  if ("reason" in parsed) return { status: "malformed-header", reason: parsed.reason };

  const encoding = options.encoding ?? "either";
  const candidates = decodeDigest(parsed.signature, encoding);
  if (candidates.length === 0) {
    return { status: "malformed-header", reason: `signature is not ${describe(encoding)}` };
  }

  const body = toBuffer(options.rawBody);
  const signedContent = options.signedContent ?? "raw-body";
  const contents: Array<{ kind: "raw-body" | "payload"; bytes: Buffer }> = [];
  if (signedContent !== "payload") contents.push({ kind: "raw-body", bytes: body });
  if (signedContent !== "raw-body") {
    const payload = new URLSearchParams(body.toString("utf8")).get("payload");
    if (payload !== null) contents.push({ kind: "payload", bytes: Buffer.from(payload, "utf8") });
  }

  // Compare against every candidate without stopping early, so timing does not tell which failed.
  let valid: WebhookSignatureResult | null = null;
  for (const content of contents) {
    const expected = createHmac("sha256", options.secret).update(content.bytes).digest();
    for (const candidate of candidates) {
      if (timingSafeEqual(expected, candidate.bytes) && valid === null) {
        valid = { status: "valid", encoding: candidate.encoding, signedContent: content.kind };
      }
    }
  }
  return valid ?? { status: "mismatch" };
}

/**
 * Reads `signature=…,algorithm=…` in any order, with or without spaces after the comma (UNCONFIRMED).
 * A bare digest without `signature=` is accepted as HMAC-SHA256, as third-party senders do.
 */
export function parseSignatureHeader(
  header: string,
): { signature: string; algorithm: string } | { reason: string } {
  if (!header.includes("=") || /^[A-Za-z0-9+/_-]+={0,2}$/.test(header)) {
    return { signature: header, algorithm: "HMAC-SHA256" };
  }
  const fields = new Map<string, string>();
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const signature = fields.get("signature");
  if (!signature) return { reason: "header has no signature" };
  const algorithm = fields.get("algorithm") ?? "HMAC-SHA256";
  if (algorithm.replace(/[-_]/g, "").toUpperCase() !== "HMACSHA256") {
    return { reason: "algorithm is not HMAC-SHA256" };
  }
  return { signature, algorithm: "HMAC-SHA256" };
}

function decodeDigest(
  signature: string,
  encoding: SignatureEncoding,
): Array<{ encoding: "hex" | "base64"; bytes: Buffer }> {
  const decoded: Array<{ encoding: "hex" | "base64"; bytes: Buffer }> = [];
  if (encoding !== "base64" && /^[0-9a-f]{64}$/i.test(signature)) {
    decoded.push({ encoding: "hex", bytes: Buffer.from(signature, "hex") });
  }
  if (encoding !== "hex" && /^[A-Za-z0-9+/_-]{43}={0,1}$/.test(signature)) {
    const bytes = Buffer.from(signature, "base64");
    if (bytes.length === digestBytes) decoded.push({ encoding: "base64", bytes });
  }
  return decoded;
}

function describe(encoding: SignatureEncoding): string {
  return encoding === "either" ? "a hex or base64 SHA-256 digest" : `a ${encoding} SHA-256 digest`;
}

function toBuffer(body: string | Uint8Array): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
}
