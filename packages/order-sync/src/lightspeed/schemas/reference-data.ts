// Minimal shapes of the small reference lists (customer groups, registers, outlets). `version` is
// optional here: these lists are read whole and their version field is not documented everywhere.
import { z } from "zod";
import {
  idSchema,
  optionalBooleanSchema,
  optionalTextSchema,
  optionalVersionSchema,
} from "./fields";
import { optionalUtcDateSchema } from "./utc-date";

export const customerGroupSchema = z.looseObject({
  id: idSchema,
  name: optionalTextSchema,
  group_id: optionalTextSchema,
  version: optionalVersionSchema,
  deleted_at: optionalUtcDateSchema,
});

export const registerSchema = z.looseObject({
  id: idSchema,
  name: optionalTextSchema,
  outlet_id: optionalTextSchema,
  is_open: optionalBooleanSchema,
  version: optionalVersionSchema,
  deleted_at: optionalUtcDateSchema,
});

export const outletSchema = z.looseObject({
  id: idSchema,
  name: optionalTextSchema,
  time_zone: optionalTextSchema,
  version: optionalVersionSchema,
  deleted_at: optionalUtcDateSchema,
});

export type CustomerGroup = z.output<typeof customerGroupSchema>;
export type Register = z.output<typeof registerSchema>;
export type Outlet = z.output<typeof outletSchema>;
