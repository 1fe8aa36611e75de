-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "search_documents" (
    "product_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "brand_name" TEXT,
    "category_path" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "currency_code" CHAR(3) NOT NULL,
    "price_min_minor" INTEGER NOT NULL,
    "price_max_minor" INTEGER NOT NULL,
    "in_stock" BOOLEAN NOT NULL,
    "rating" DECIMAL(3,2),
    "popularity" INTEGER NOT NULL DEFAULT 0,
    "source_version" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("product_id")
);

-- CreateIndex
CREATE INDEX "search_documents_popularity_idx" ON "search_documents"("popularity" DESC);


-- Extensions the search engine relies on (trusted in Postgres 13+, so the owner may create them).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE; indexes need an IMMUTABLE wrapper bound to one dictionary.
CREATE FUNCTION search_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Prefix suggestions ("wirel" -> "Wireless Headphones") and typo-tolerant matching.
CREATE INDEX "search_documents_title_prefix_idx" ON "search_documents" (search_fold("title") text_pattern_ops);
CREATE INDEX "search_documents_title_trgm_idx" ON "search_documents" USING gin (search_fold("title") gin_trgm_ops);
