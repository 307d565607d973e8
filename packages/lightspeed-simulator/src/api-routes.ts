// The X-Series API 2.0 routes the simulator serves, in the real wire format (reference §4–6).
import { Hono } from "hono";
import { z } from "zod";
import type { SimulatedStore } from "./simulated-store";
import { SimulatorError } from "./simulator-error";
import { parseListQuery } from "./version-cursor";

const nullableText = z.string().nullable().optional();

/** Fields a client may write on a customer (reference §6.2). Unknown fields are ignored. */
export const customerWriteSchema = z.object({
  customer_code: z.string().optional(),
  customer_group_id: z.string().optional(),
  first_name: nullableText,
  last_name: nullableText,
  email: nullableText,
  phone: nullableText,
  mobile: nullableText,
  fax: nullableText,
  twitter: nullableText,
  website: nullableText,
  company_name: nullableText,
  note: nullableText,
  gender: z.enum(["M", "F"]).nullable().optional(),
  date_of_birth: nullableText,
  do_not_email: z.boolean().optional(),
  enable_promotional_sms: z.boolean().optional(),
  enable_loyalty: z.boolean().optional(),
  on_account_limit: z.number().nullable().optional(),
  physical_address_1: nullableText,
  physical_address_2: nullableText,
  physical_suburb: nullableText,
  physical_city: nullableText,
  physical_postcode: nullableText,
  physical_state: nullableText,
  physical_country_id: nullableText,
  postal_address_1: nullableText,
  postal_address_2: nullableText,
  postal_suburb: nullableText,
  postal_city: nullableText,
  postal_postcode: nullableText,
  postal_state: nullableText,
  postal_country_id: nullableText,
  custom_field_1: nullableText,
  custom_field_2: nullableText,
  custom_field_3: nullableText,
  custom_field_4: nullableText,
  tax_id: nullableText,
});

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new SimulatorError(
      "BAD_INPUT",
      issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid body",
    );
  }
  return result.data;
}

/** Drops `undefined` keys so a partial update never blanks a field it did not mention. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createApiRoutes(store: SimulatedStore): Hono {
  const api = new Hono();
  const serve = <T extends { id: string }>(record: T) => store.faults.serve(record);

  api.get("/2.0/sales", (c) => {
    const page = store.listSales(parseListQuery(c.req.query()));
    return c.json({ data: page.data.map(serve), version: page.version });
  });
  // Whether parked or deleted sales 404 here is UNCONFIRMED; we serve every sale we hold.
  api.get("/2.0/sales/:id", (c) => c.json({ data: serve(store.getSale(c.req.param("id"))) }));

  api.get("/2.0/customers", (c) => {
    const page = store.listCustomers(parseListQuery(c.req.query()));
    return c.json({ data: page.data.map(serve), version: page.version });
  });
  api.post("/2.0/customers", async (c) => {
    const body = parseBody(customerWriteSchema, await c.req.json());
    return c.json({ data: store.createCustomer(definedOnly(body)) }, 201);
  });
  api.get("/2.0/customers/:id", (c) =>
    c.json({ data: serve(store.getCustomer(c.req.param("id"))) }),
  );
  api.put("/2.0/customers/:id", async (c) => {
    const body = parseBody(customerWriteSchema, await c.req.json());
    return c.json({ data: store.updateCustomer(c.req.param("id"), definedOnly(body)) });
  });
  api.delete("/2.0/customers/:id", (c) => {
    store.deleteCustomer(c.req.param("id"));
    return c.body(null, 204);
  });

  // The catalog (reference §4.1): version-cursor lists; deleted records only with deleted=true.
  api.get("/2.0/products", (c) =>
    c.json(store.catalog.listProducts(parseListQuery(c.req.query()))),
  );
  api.get("/2.0/products/:id", (c) => c.json({ data: store.getProduct(c.req.param("id")) }));
  api.get("/2.0/brands", (c) => c.json(store.catalog.listBrands(parseListQuery(c.req.query()))));
  // Deprecated for /product_categories since 2023-10 (whose list has no documented version
  // cursor); product types carry the same ids and, since 2023-02, the hierarchy fields.
  api.get("/2.0/product_types", (c) =>
    c.json(store.catalog.listProductTypes(parseListQuery(c.req.query()))),
  );

  api.get("/2.0/customer_groups", (c) =>
    c.json(store.listCustomerGroups(parseListQuery(c.req.query()))),
  );
  api.get("/2.0/registers", (c) => c.json(store.listRegisters(parseListQuery(c.req.query()))));
  api.get("/2.0/outlets", (c) => c.json(store.listOutlets(parseListQuery(c.req.query()))));

  return api;
}
