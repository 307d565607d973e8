// The Lightspeed X-Series client as configured for this deployment, with its events in our logs
// and its responses in our metrics.
import { DomainError } from "@greenloop/order-sync/errors";
import {
  createLightspeedClient,
  type LightspeedClient,
  type LightspeedClientOptions,
} from "@greenloop/order-sync/lightspeed";
import type { Env } from "./env";
import type { Logger } from "./logger";
import { reportLightspeedResponse } from "./telemetry/pipeline-events";

export function createLightspeedClientFromEnv(
  env: Env,
  logger: Logger,
  /** Tests inject sleep/now/retry settings here. */
  overrides: Partial<LightspeedClientOptions> = {},
): LightspeedClient {
  const { token, domainPrefix, baseUrl } = env.lightspeed;
  if (!token || !(domainPrefix || baseUrl)) {
    throw new DomainError(
      "CONFIG",
      "Lightspeed is not configured: set LIGHTSPEED_TOKEN and LIGHTSPEED_DOMAIN_PREFIX " +
        "(or LIGHTSPEED_BASE_URL, e.g. the simulator's from `pnpm cli simulate`).",
    );
  }
  const log = logger.child({ component: "lightspeed" });
  return createLightspeedClient({
    token,
    domainPrefix,
    baseUrl,
    apiVersion: env.lightspeedApiVersion,
    onEvent: (event) => {
      if (event.type === "malformed-record")
        log.warn({ event }, "Lightspeed sent a record we cannot read");
      else log.info({ event }, event.type);
    },
    onResponse: reportLightspeedResponse,
    ...overrides,
  });
}
