// A webhook subscription as the webhooks API returns it (reference §8.1): `{id, retailer_id, url,
// active, type}`. Loose: other fields (the Postman example's `user_id`) pass through, and `type` is
// any text, so a type newer than the ones we know never hides a subscription from a listing.
import { z } from "zod";
import { idSchema, optionalTextSchema } from "./fields";

export const webhookSchema = z.looseObject({
  id: idSchema,
  retailer_id: optionalTextSchema,
  url: z.string(),
  active: z.boolean(),
  type: z.string(),
});

export type Webhook = z.output<typeof webhookSchema>;
