export type { RouterInputs, RouterOutputs } from "@greenloop/backend";
export { type ApiClient, createApiClient } from "./create-api-client";
