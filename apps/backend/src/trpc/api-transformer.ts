// The wire format of the API: superjson with decimal.js registered, so money crosses as an exact
// Decimal (never a float) and times as Dates. Clients use this same transformer
// (`@greenloop/backend/api-transformer`); it holds no server code.
import Decimal from "decimal.js";
import { SuperJSON } from "superjson";

export const apiTransformer = new SuperJSON();

apiTransformer.registerCustom<Decimal, string>(
  {
    // Prisma's Decimal is its own copy of decimal.js: told apart by its tag, not by instanceof.
    isApplicable: (value): value is Decimal => Decimal.isDecimal(value),
    serialize: (value) => value.toString(),
    deserialize: (text) => new Decimal(text),
  },
  "decimal",
);
