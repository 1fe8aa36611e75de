-- The foundation's placeholder table had no data source yet; replace it with the
-- document model the catalog events carry.
DROP TABLE "search_documents";

CREATE TABLE "search_documents" (
    "product_id" UUID NOT NULL,
    "version" BIGINT NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "brand_id" UUID,
    "brand_slug" TEXT,
    "brand_name" TEXT,
    "category_ids" UUID[] NOT NULL DEFAULT '{}',
    "category_slugs" TEXT[] NOT NULL DEFAULT '{}',
    "category_names" TEXT[] NOT NULL DEFAULT '{}',
    "currency_code" CHAR(3) NOT NULL,
    "price_min_minor" INTEGER NOT NULL,
    "price_max_minor" INTEGER NOT NULL,
    "variant_prices" INTEGER[] NOT NULL DEFAULT '{}',
    "in_stock" BOOLEAN NOT NULL,
    "rating" DECIMAL(3,2),
    "review_count" INTEGER NOT NULL DEFAULT 0,
    "popularity" INTEGER NOT NULL DEFAULT 0,
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "attribute_pairs" TEXT[] NOT NULL DEFAULT '{}',
    "document" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "indexed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("product_id")
);

CREATE TABLE "search_terms" (
    "term" TEXT NOT NULL,
    "documents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("term")
);

CREATE TABLE "applied_events" (
    "event_id" UUID NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applied_events_pkey" PRIMARY KEY ("event_id")
);

-- array_to_string is only STABLE in general; for text[] it is immutable in fact.
CREATE FUNCTION search_join(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_to_string($1, ' ') $$;

-- Weighted full text: title (A) above brand (B) above category path (C) above
-- description (D); accents and case folded; English stemming.
ALTER TABLE "search_documents" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', search_fold("title")), 'A') ||
  setweight(to_tsvector('english', search_fold(coalesce("brand_name", ''))), 'B') ||
  setweight(to_tsvector('english', search_fold(search_join("category_names"))), 'C') ||
  setweight(to_tsvector('english', search_fold("description")), 'D')
) STORED;

CREATE INDEX "search_documents_vector_idx" ON "search_documents" USING gin ("search_vector");
CREATE INDEX "search_documents_categories_idx" ON "search_documents" USING gin ("category_ids");
CREATE INDEX "search_documents_attributes_idx" ON "search_documents" USING gin ("attribute_pairs");
CREATE INDEX "search_documents_price_idx" ON "search_documents" ("price_min_minor", "product_id") WHERE NOT "deleted";
CREATE INDEX "search_documents_newest_idx" ON "search_documents" ("created_at" DESC, "product_id") WHERE NOT "deleted";
CREATE INDEX "search_documents_rating_idx" ON "search_documents" ((coalesce("rating", -1)) DESC, "product_id") WHERE NOT "deleted";
CREATE INDEX "search_documents_brand_idx" ON "search_documents" ("brand_slug") WHERE NOT "deleted";
-- Suggestions: title prefixes and word prefixes.
CREATE INDEX "search_documents_title_prefix_idx" ON "search_documents" (search_fold("title") text_pattern_ops) WHERE NOT "deleted";
CREATE INDEX "search_documents_title_trgm_idx" ON "search_documents" USING gin (search_fold("title") gin_trgm_ops);
-- Typo correction: the closest known terms by trigram similarity.
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);
CREATE INDEX "applied_events_applied_at_idx" ON "applied_events" ("applied_at");
