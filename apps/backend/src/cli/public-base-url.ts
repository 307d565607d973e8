// `--url <public base URL>`: where Lightspeed reaches this backend. Absolute http(s), https unless
// the host is loopback (Lightspeed only posts to https; http is for the simulator and local tests).
import { isIP } from "node:net";
import { DomainError } from "@greenloop/order-sync/errors";

/** The base URL without a trailing slash (a path prefix is kept), or BAD_INPUT saying what is wrong. */
export function parsePublicBaseUrl(value: string | boolean | undefined): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new DomainError(
      "BAD_INPUT",
      "--url <public base URL> is required, e.g. --url https://sync.example.com",
    );
  }
  const text = value.trim();
  if (!URL.canParse(text)) {
    throw new DomainError(
      "BAD_INPUT",
      `--url must be an absolute URL such as https://sync.example.com (got "${text}").`,
    );
  }
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new DomainError("BAD_INPUT", `--url must be an http(s) URL (got ${url.protocol}).`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new DomainError(
      "BAD_INPUT",
      "--url must use https (http only for a loopback host such as 127.0.0.1).",
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new DomainError(
      "BAD_INPUT",
      "--url must be a base URL, without credentials, a query or a fragment.",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}
