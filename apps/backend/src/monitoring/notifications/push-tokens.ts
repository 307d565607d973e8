// Expo push tokens as the GreenLoop app registers them (`{ token, deviceOS, env, storeId, optedIn,
// userId }`). Only STAFF devices receive the store's notifications, and a CUSTOMER device only its
// owner's (push-token-owner.ts): who registers a device (a staff token or a customer's session)
// decides the audience, never the device itself.
import type { Database, PushAudience } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { CountryCode } from "@greenloop/order-sync/identity";
import type { Caller } from "../../auth/access";
import { pushTokenUserKeysOf } from "./push-token-owner";

export interface PushTokenRegistration {
  token: string;
  deviceOS: string;
  env: string;
  storeId?: string | null;
  optedIn: boolean;
  userId?: string | null;
  audience?: PushAudience;
  /** Region of a phone user id written without a country code (PHONE_DEFAULT_REGION). */
  phoneRegion?: CountryCode;
}

const expoTokenPattern = /^Expo(nent)?PushToken\[[^\]\s]+\]$/;

export function isExpoPushToken(token: string): boolean {
  return expoTokenPattern.test(token);
}

/** Creates or updates a device's registration; registering again re-enables a disabled token. */
export async function registerPushToken(
  db: Pick<Database, "prisma">,
  input: PushTokenRegistration,
): Promise<void> {
  if (!isExpoPushToken(input.token)) {
    throw new DomainError("BAD_INPUT", "token must be an Expo push token (ExponentPushToken[…])");
  }
  const fields = {
    deviceOS: input.deviceOS,
    env: input.env,
    storeId: input.storeId ?? null,
    optedIn: input.optedIn,
    userId: input.userId ?? null,
    ...pushTokenUserKeysOf(input.userId, input.phoneRegion ?? "US"),
    disabledAt: null,
    lastError: null,
    ...(input.audience ? { audience: input.audience } : {}),
  };
  await db.prisma.pushToken.upsert({
    where: { token: input.token },
    create: { token: input.token, ...fields },
    update: fields,
    select: { token: true },
  });
}

/**
 * The app's registration, by whoever is signed in on the device: a customer's session registers a
 * CUSTOMER device under the session's email (a `userId` in the body is ignored: nobody registers a
 * device as someone else), a staff token a STAFF device. Registering a token again moves it to the
 * new caller's audience, so a device handed from staff to a customer stops getting store alerts.
 */
export async function registerCallerPushToken(
  db: Pick<Database, "prisma">,
  caller: Caller,
  input: Omit<PushTokenRegistration, "audience">,
): Promise<void> {
  await registerPushToken(
    db,
    caller.kind === "customer"
      ? { ...input, audience: "CUSTOMER", userId: caller.email }
      : { ...input, audience: "STAFF" },
  );
}

/** Tokens of staff devices that opted in and that Expo has not refused. */
export async function listStaffPushTokens(db: Pick<Database, "prisma">): Promise<string[]> {
  const rows = await db.prisma.pushToken.findMany({
    where: { audience: "STAFF", optedIn: true, disabledAt: null },
    select: { token: true },
    orderBy: { token: "asc" },
  });
  return rows.map((row) => row.token);
}

/** Stops pushing to a token Expo says is no longer registered (the app was uninstalled). */
export async function disablePushToken(
  db: Pick<Database, "prisma">,
  token: string,
  options: { now: Date; reason: string },
): Promise<void> {
  await db.prisma.pushToken.updateMany({
    where: { token, disabledAt: null },
    data: { disabledAt: options.now, lastError: options.reason },
  });
}
