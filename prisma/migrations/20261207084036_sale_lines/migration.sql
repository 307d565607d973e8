-- CreateTable
CREATE TABLE "RetailSaleLine" (
    "saleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "productId" TEXT,
    "quantity" DECIMAL(19,5) NOT NULL,
    "total" DECIMAL(19,5) NOT NULL,

    CONSTRAINT "RetailSaleLine_pkey" PRIMARY KEY ("saleId","position")
);


-- A number from a payload's text, or null when it is not one: a malformed line never fails the
-- sale's write (the client has already refused such sales; this keeps old or hand-made rows safe).
CREATE FUNCTION "greenloop_numeric_or_null"(value text) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$'
                THEN value::numeric END
  $$;

-- The lines of the sales a statement wrote, set-based (one statement per write, however many
-- sales): the old lines go, the payload's `line_items` come in.
CREATE FUNCTION "greenloop_refresh_sale_lines"() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM "RetailSaleLine" AS line USING written WHERE line."saleId" = written.id;
    INSERT INTO "RetailSaleLine" ("saleId", "position", "productId", "quantity", "total")
    SELECT written.id, item.ordinality::int - 1, nullif(item.value->>'product_id', ''),
           coalesce("greenloop_numeric_or_null"(item.value->>'quantity'), 0),
           coalesce("greenloop_numeric_or_null"(item.value->>'price_total'),
                    "greenloop_numeric_or_null"(item.value->>'price')
                      * "greenloop_numeric_or_null"(item.value->>'quantity'), 0)
      FROM written
      CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(written.payload->'line_items') = 'array'
             THEN written.payload->'line_items' ELSE '[]'::jsonb END
      ) WITH ORDINALITY AS item(value, ordinality)
     WHERE jsonb_typeof(item.value) = 'object';
    RETURN NULL;
  END
  $$;

CREATE FUNCTION "greenloop_forget_sale_lines"() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM "RetailSaleLine" AS line USING removed WHERE line."saleId" = removed.id;
    RETURN NULL;
  END
  $$;

-- PostgreSQL allows a transition table on one event per trigger: one trigger per event.
CREATE TRIGGER "RetailSale_lines_on_insert" AFTER INSERT ON "RetailSale"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION "greenloop_refresh_sale_lines"();
CREATE TRIGGER "RetailSale_lines_on_update" AFTER UPDATE ON "RetailSale"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION "greenloop_refresh_sale_lines"();
CREATE TRIGGER "RetailSale_lines_on_delete" AFTER DELETE ON "RetailSale"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "greenloop_forget_sale_lines"();

-- The sales already mirrored.
UPDATE "RetailSale" SET payload = payload;
