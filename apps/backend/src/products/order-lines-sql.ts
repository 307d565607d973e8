// The products each canonical order bought, as one SQL relation the analytics and store views
// read: one row per line item, with the product's category and brand from the X-Series catalog
// mirror. An order reaches X-Series late, so its lines come from the X-Series sale when the order
// has one (the store's own record, with product ids) and from the eCom export otherwise (matched
// to the catalog by SKU). An order's lines are never taken from both sources, so a synced eCom
// order is counted once.
//
// Columns (a contract: the analytics, the store views and the tests select them by name):
//   "orderId" uuid, "customerId" uuid (null for orders without a customer), "placedAt" timestamptz,
//   "countsInAnalytics" boolean, "productId" text (null: an eCom item whose SKU is not in the
//   catalog), "productName" text, "categoryId" text, "category" text, "brandId" text, "brand" text
//   (null: unknown), "quantity" numeric, "total" numeric (the line's amount, tax exclusive on
//   X-Series; as the export gives it on eCom).

/**
 * A `WITH` entry (`order_lines AS (…)`) over the orders `orderFilter` selects, a condition on the
 * alias `o` ("Order"), e.g. `o."customerId" = ANY($1::uuid[])`; `true` for every order.
 */
export function orderLinesCte(orderFilter: string): string {
  return `order_lines AS (
    SELECT line."orderId", line."customerId", line."placedAt", line."countsInAnalytics",
           -- An eCom item's product is the catalog's match for its SKU (null when none).
           coalesce(line."productId", p.id) AS "productId",
           coalesce(p.name, line."itemName") AS "productName",
           p."categoryId", c.name AS category, p."brandId", b.name AS brand,
           line.quantity, line.total
      FROM (
        SELECT o.id AS "orderId", o."customerId", o."placedAt", o."countsInAnalytics",
               -- API 2.0 lines (product_id, price_total, price) and the date-versioned
               -- API's (product.id, pricing.total, pricing.price), as the mirror keeps
               -- each payload as received; a line without any price counts 0.
               coalesce(nullif(item->>'product_id', ''), item->'product'->>'id') AS "productId",
               NULL::text AS sku, NULL::text AS "itemName",
               coalesce((item->>'quantity')::numeric, 0) AS quantity,
               coalesce((item->>'price_total')::numeric, (item->'pricing'->>'total')::numeric,
                        coalesce((item->>'price')::numeric, (item->'pricing'->>'price')::numeric)
                          * (item->>'quantity')::numeric, 0) AS total
          FROM "Order" o
          JOIN "RetailSale" s ON s.id = o."retailSaleId"
          CROSS JOIN LATERAL jsonb_array_elements(
            CASE WHEN jsonb_typeof(s.payload->'line_items') = 'array'
                 THEN s.payload->'line_items' ELSE '[]'::jsonb END) AS item
         WHERE (${orderFilter})
        UNION ALL
        SELECT o.id, o."customerId", o."placedAt", o."countsInAnalytics",
               NULL::text, i.sku, i.name, i.quantity, i.total
          FROM "Order" o
          JOIN "EcomOrder" e ON e."orderNumber" = o."ecomOrderNumber"
          JOIN "EcomOrderItem" i ON i."ecomOrderId" = e.id
         WHERE o."retailSaleId" IS NULL AND (${orderFilter})
      ) AS line
      -- Two plain joins, not a lateral lookup per line (2–3× faster measured on the demo
      -- store): retail lines by product id (deleted products too: the sale happened), eCom
      -- items by SKU to the live product with it (the lowest id if the store reuses a SKU).
      LEFT JOIN "RetailProduct" by_id ON by_id.id = line."productId"
      LEFT JOIN (
        SELECT DISTINCT ON (sku) id, sku FROM "RetailProduct"
         WHERE sku IS NOT NULL AND "deletedAt" IS NULL
         ORDER BY sku, id
      ) AS by_sku ON line."productId" IS NULL AND by_sku.sku = line.sku
      LEFT JOIN "RetailProduct" p ON p.id = coalesce(by_id.id, by_sku.id)
      LEFT JOIN "RetailProductCategory" c ON c.id = p."categoryId"
      LEFT JOIN "RetailBrand" b ON b.id = p."brandId"
  )`;
}
