// Devices as the GreenLoop app registers them, for the push tests: `name` becomes the inside of
// the Expo token (`ExponentPushToken[name]`).
import type { Database, PushAudience } from "@greenloop/db";
import { registerPushToken } from "../push-tokens";

export const pushToken = (name: string) => `ExponentPushToken[${name}]`;

/** Registers the device (a customer's unless told otherwise) and returns its token. */
export async function registerDevice(
  db: Pick<Database, "prisma">,
  name: string,
  device: { userId?: string; audience?: PushAudience; optedIn?: boolean } = {},
): Promise<string> {
  await registerPushToken(db, {
    token: pushToken(name),
    deviceOS: "ios",
    env: "prod",
    storeId: "greenhaus-tn-cookeville",
    optedIn: device.optedIn ?? true,
    userId: device.userId ?? null,
    audience: device.audience ?? "CUSTOMER",
  });
  return pushToken(name);
}
