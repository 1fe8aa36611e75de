export {
  CREATED_SPAN_DAYS,
  CURRENCY_CODE,
  generateProduct,
  generateProducts,
  MAX_SEED_PRODUCTS,
  MAX_VARIANTS,
  productChunks,
  SEED_EPOCH,
  type SeedBrand,
  type SeedCategory,
  type SeedProduct,
  type SeedVariant,
  seedBrands,
  seedCategories,
  seedProductId,
  seedProductIds,
} from './catalog-generator.js';
export { DEFAULT_SEED_PRODUCTS, formatProgress, formatSummary, parseSeedArgs, runSeedCli } from './cli.js';
export {
  countTables,
  type SeedCatalogOptions,
  SeedError,
  type SeedProgress,
  type SeedResult,
  seedCatalog,
  type TableCounts,
  writeCatalog,
} from './seed-writer.js';
