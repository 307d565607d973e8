-- CreateTable
CREATE TABLE "RetailProduct" (
    "id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "sku" TEXT,
    "brandId" TEXT,
    "categoryId" TEXT,
    "variantParentId" TEXT,
    "deletedAt" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetailProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetailBrand" (
    "id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetailBrand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetailProductCategory" (
    "id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetailProductCategory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RetailProduct_version_idx" ON "RetailProduct"("version");

-- CreateIndex
CREATE INDEX "RetailProduct_sku_idx" ON "RetailProduct"("sku");

-- CreateIndex
CREATE INDEX "RetailBrand_version_idx" ON "RetailBrand"("version");

-- CreateIndex
CREATE INDEX "RetailProductCategory_version_idx" ON "RetailProductCategory"("version");

