// The one clock the webhook queue judges "due" by (`WebhookDelivery.nextAttemptAt`): the wall
// clock, never the store's. A delivery is stored due by it (`storeWebhookDelivery`); a released
// claim is due at the database's statement time, which agrees with it to a millisecond or so; the
// store's clock (the demo's, which the simulator moves days ahead) does not. The worker claims by it and a replay marks
// deliveries due by it, so a replayed dead letter is taken at the worker's next pass whatever
// the store's clock says.
export const webhookQueueNow = (): Date => new Date();
