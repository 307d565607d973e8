// Our webhook route's URLs, read the one way the route reads them: what a delivery's URL says
// (secret, subscribed type), the URL `webhooks register` subscribes for a type, and the same URL
// fit to print (the path secret masked).

/** Where our webhook route is mounted under the public base URL. */
export const webhookRoutePath = "/api/webhooks/lightspeed";

/** The route's alias for a sale subscription (the seed's name). */
const saleAliasPath = "/api/webhooks/lightspeed-sale-created";

/** How the route authenticates deliveries: X-Signature, else the secret in the URL. */
export type WebhookAuthMode = "signature" | "path-secret";

export interface WebhookSecrets {
  /** LIGHTSPEED_CLIENT_SECRET */
  clientSecret?: string | undefined;
  /** WEBHOOK_PATH_SECRET */
  pathSecret?: string | undefined;
}

/** The client secret wins when both are set; null when neither is (every delivery is refused). */
export function webhookAuthModeOf(secrets: WebhookSecrets): WebhookAuthMode | null {
  return secrets.clientSecret ? "signature" : secrets.pathSecret ? "path-secret" : null;
}

/** `sale.update`, `customer.update`…: a path segment of this form names the subscription's type. */
const typeSegment = /^[a-z_]+\.[a-z_]+$/;

export interface WebhookUrlParts {
  /** The first and second path segments after the route (decoded). */
  first: string | undefined;
  second: string | undefined;
  querySecret: string | undefined;
  queryType: string | undefined;
}

/**
 * The secret and the subscribed type a delivery's URL carries: `/<secret>/<type>`, `/<secret>`,
 * `/<type>?secret=…` or, with signatures, `/<type>`; `?secret=` and `?type=` work anywhere.
 */
export function readWebhookUrlParts(
  parts: WebhookUrlParts,
  mode: WebhookAuthMode,
): { secret: string | undefined; type: string | undefined } {
  const { first, second, querySecret, queryType } = parts;
  const firstIsType =
    second === undefined &&
    first !== undefined &&
    typeSegment.test(first) &&
    (mode === "signature" || querySecret !== undefined);
  return {
    secret: firstIsType ? querySecret : (first ?? querySecret),
    type: second ?? (firstIsType ? first : undefined) ?? queryType,
  };
}

export interface WebhookSubscriptionUrl {
  /** The public base URL it points at (origin and any path prefix, no trailing slash). */
  base: string;
  secret: string | undefined;
  /** The type the URL names (the sale alias names sale.update); undefined when it names none. */
  type: string | undefined;
}

const routePattern = new RegExp(
  `^(.*?)(${escapeRegExp(webhookRoutePath)}|${escapeRegExp(saleAliasPath)})(?:/([^/]+))?(?:/([^/]+))?/?$`,
);

/** What a subscribed URL means to our route, or null when it does not point at our route. */
export function readWebhookSubscriptionUrl(
  url: string,
  mode: WebhookAuthMode,
): WebhookSubscriptionUrl | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  const match = routePattern.exec(parsed.pathname);
  if (!match || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) return null;
  const [, prefix = "", route, first, second] = match;
  const { secret, type } = readWebhookUrlParts(
    {
      first: decodeSegment(first),
      second: decodeSegment(second),
      querySecret: parsed.searchParams.get("secret") ?? undefined,
      queryType: parsed.searchParams.get("type") ?? undefined,
    },
    mode,
  );
  return {
    base: `${parsed.origin}${prefix}`,
    secret,
    type: type ?? (route === saleAliasPath ? "sale.update" : undefined),
  };
}

/** The URL we subscribe for `type`: it carries its type, and the path secret when there is one. */
export function buildWebhookSubscriptionUrl(options: {
  base: string;
  type: string;
  pathSecret: string | undefined;
}): string {
  const segments = [options.pathSecret, options.type].filter((s) => s !== undefined);
  return [`${options.base}${webhookRoutePath}`, ...segments.map(encodeURIComponent)].join("/");
}

/** A secret fit to print: its first 4 characters and an ellipsis. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}

/** `text` with every given secret (as is, or percent-encoded) masked. */
export function maskSecrets(text: string, secrets: Array<string | undefined>): string {
  let masked = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([encodeURIComponent(secret), secret])) {
      masked = masked.split(form).join(maskSecret(secret));
    }
  }
  return masked;
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}
