import { badUserInput, type UserError, userError } from '@storegraph/graphql-kit';
import type {
  CatalogReader,
  ImageRecord,
  NameValue,
  OptionRecord,
  ProductRecord,
  VariantRecord,
} from '../domain/catalog.records.js';
import {
  checkAttributes,
  checkDescription,
  checkProduct,
  checkTitle,
  invalidPrice,
  invalidQuantity,
  isValidQuantity,
  type ProductChangeRequest,
  type ProductDraft,
  type ProductRequest,
  priceToMinor,
  type VariantDraft,
} from './product-input.js';

/** A checked product with its category and brand resolved, ready to insert. */
export interface NewProduct {
  slug: string;
  title: string;
  description: string;
  brandId: string | null;
  categoryId: string;
  currencyCode: string;
  images: ImageRecord[];
  attributes: NameValue[];
  options: OptionRecord[];
  variants: VariantDraft[];
  priceMinMinor: number;
  priceMaxMinor: number;
}

/** The columns a productUpdate may change; absent keys stay as they are. */
export interface ProductChanges {
  title?: string;
  description?: string;
  brandId?: string | null;
  categoryId?: string;
  attributes?: NameValue[];
}

export type CreateResult = { kind: 'created'; id: string } | { kind: 'conflict'; on: 'slug' | 'sku' | null };
export type InventoryResult =
  | { kind: 'set'; productId: string }
  | { kind: 'not_found' }
  | { kind: 'below_reserved'; reserved: number };
export type PriceResult = { kind: 'set'; productId: string } | { kind: 'not_found' };

/**
 * The write side of the catalog. Each write runs in one transaction with its
 * catalog event (outbox), and refuses products that are unknown or soft-deleted.
 */
export interface CatalogAdminStore {
  categoryIdBySlug(slug: string): Promise<string | null>;
  brandIdBySlug(slug: string): Promise<string | null>;
  slugTaken(slug: string): Promise<boolean>;
  /** Those of `skus` some variant (of any product, deleted ones included) already has. */
  takenSkus(skus: string[]): Promise<string[]>;
  createProduct(product: NewProduct): Promise<CreateResult>;
  updateProduct(id: string, changes: ProductChanges): Promise<'updated' | 'not_found'>;
  deleteProduct(id: string): Promise<'deleted' | 'already_deleted' | 'not_found'>;
  /** Refuses a quantity below what active reservations hold. */
  setQuantityOnHand(variantId: string, quantity: number): Promise<InventoryResult>;
  /** Also clears a compare-at price that the new price reaches, and keeps the product's price range in step. */
  setPrice(variantId: string, priceMinor: number): Promise<PriceResult>;
}

export interface ProductOutcome {
  product: ProductRecord | null;
  userErrors: UserError[];
}

export interface VariantOutcome {
  variant: VariantRecord | null;
  userErrors: UserError[];
}

const productFailure = (...userErrors: UserError[]): ProductOutcome => ({ product: null, userErrors });
const variantFailure = (...userErrors: UserError[]): VariantOutcome => ({ variant: null, userErrors });
const productNotFound = () => productFailure(userError('NOT_FOUND', 'No such product.', ['id']));
const variantNotFound = () => variantFailure(userError('NOT_FOUND', 'No such variant.', ['variantId']));

/**
 * The admin mutations of the catalog. Expected failures come back as userErrors
 * with stable codes; the caller has already checked that the viewer is an ADMIN.
 * Successful writes return the records as the catalog reads them after commit.
 */
export class CatalogAdminService {
  constructor(
    private readonly store: CatalogAdminStore,
    private readonly reader: CatalogReader,
  ) {}

  async createProduct(input: ProductRequest): Promise<ProductOutcome> {
    const checked = checkProduct(input);
    if (!checked.draft) return productFailure(...checked.errors);
    const draft = checked.draft;

    const [categoryId, brandId, takenErrors] = await Promise.all([
      this.store.categoryIdBySlug(draft.categorySlug),
      draft.brandSlug === null ? null : this.store.brandIdBySlug(draft.brandSlug),
      this.takenErrors(draft),
    ]);
    const errors = [...takenErrors];
    if (!categoryId) errors.push(userError('CATEGORY_NOT_FOUND', 'No such category.', ['input', 'categorySlug']));
    if (draft.brandSlug !== null && !brandId) {
      errors.push(userError('BRAND_NOT_FOUND', 'No such brand.', ['input', 'brandSlug']));
    }
    if (errors.length > 0 || !categoryId) return productFailure(...errors);

    const { brandSlug: _brand, categorySlug: _category, ...rest } = draft;
    const result = await this.store.createProduct({ ...rest, categoryId, brandId });
    if (result.kind === 'conflict') {
      // Another write took the slug or a SKU between the check above and the insert.
      const raced = await this.takenErrors(draft);
      if (raced.length > 0) return productFailure(...raced);
      return productFailure(
        result.on === 'sku'
          ? userError('SKU_TAKEN', 'A SKU is already in use.', ['input', 'variants'])
          : userError('SLUG_TAKEN', 'The slug is already in use.', ['input', 'slug']),
      );
    }
    return this.loadProduct(result.id);
  }

  async updateProduct(id: string, input: ProductChangeRequest): Promise<ProductOutcome> {
    const errors: UserError[] = [];
    const changes: ProductChanges = {};
    // GraphQL lets a client send null for any of these; only brandSlug has a meaning for it.
    for (const key of ['title', 'description', 'categorySlug', 'attributes'] as const) {
      if (input[key] === null) throw badUserInput(`${key} may be left out but not null.`, ['input', key]);
    }
    if (input.title != null) {
      const title = checkTitle(input.title, ['input', 'title']);
      if (title.error) errors.push(title.error);
      changes.title = title.value;
    }
    if (input.description != null) {
      const description = checkDescription(input.description, ['input', 'description']);
      if (description.error) errors.push(description.error);
      changes.description = description.value;
    }
    if (input.attributes != null) {
      const attributes = checkAttributes(input.attributes, ['input', 'attributes']);
      errors.push(...attributes.errors);
      changes.attributes = attributes.value;
    }
    if (input.categorySlug != null) {
      const categoryId = await this.store.categoryIdBySlug(input.categorySlug);
      if (categoryId) changes.categoryId = categoryId;
      else errors.push(userError('CATEGORY_NOT_FOUND', 'No such category.', ['input', 'categorySlug']));
    }
    if (input.brandSlug === null) changes.brandId = null;
    else if (input.brandSlug !== undefined) {
      const brandId = await this.store.brandIdBySlug(input.brandSlug);
      if (brandId) changes.brandId = brandId;
      else errors.push(userError('BRAND_NOT_FOUND', 'No such brand.', ['input', 'brandSlug']));
    }
    if (errors.length > 0) return productFailure(...errors);

    if (Object.keys(changes).length === 0) {
      // Nothing to change: no write and no event.
      const [product] = await this.reader.productsByIds([id]);
      return product && !product.deletedAt ? { product, userErrors: [] } : productNotFound();
    }
    if ((await this.store.updateProduct(id, changes)) === 'not_found') return productNotFound();
    return this.loadProduct(id);
  }

  /** Soft delete; deleting a deleted product again returns it and changes nothing. */
  async deleteProduct(id: string): Promise<ProductOutcome> {
    if ((await this.store.deleteProduct(id)) === 'not_found') return productNotFound();
    return this.loadProduct(id);
  }

  async setInventory(variantId: string, quantityOnHand: number): Promise<VariantOutcome> {
    if (!isValidQuantity(quantityOnHand)) return variantFailure(invalidQuantity(['quantityOnHand']));
    const result = await this.store.setQuantityOnHand(variantId, quantityOnHand);
    if (result.kind === 'not_found') return variantNotFound();
    if (result.kind === 'below_reserved') {
      return variantFailure(
        userError('BELOW_RESERVED', `Reservations hold ${result.reserved} units; stock on hand cannot go below that.`, [
          'quantityOnHand',
        ]),
      );
    }
    return this.loadVariant(variantId);
  }

  async setPrice(variantId: string, price: string): Promise<VariantOutcome> {
    const [variant] = await this.reader.variantsByIds([variantId]);
    if (!variant || variant.productDeleted) return variantNotFound();
    // A product's currency never changes, so reading it before the write is safe.
    const priceMinor = priceToMinor(price, variant.currencyCode);
    if (priceMinor === null) return variantFailure(invalidPrice(variant.currencyCode, ['price']));
    if ((await this.store.setPrice(variantId, priceMinor)).kind === 'not_found') return variantNotFound();
    return this.loadVariant(variantId);
  }

  private async takenErrors(draft: ProductDraft): Promise<UserError[]> {
    const [slugTaken, skus] = await Promise.all([
      this.store.slugTaken(draft.slug),
      this.store.takenSkus(draft.variants.map((v) => v.sku)),
    ]);
    const errors: UserError[] = [];
    if (slugTaken) errors.push(userError('SLUG_TAKEN', 'The slug is already in use.', ['input', 'slug']));
    const taken = new Set(skus);
    draft.variants.forEach((v, i) => {
      if (taken.has(v.sku)) {
        errors.push(userError('SKU_TAKEN', `SKU ${v.sku} is already in use.`, ['input', 'variants', String(i), 'sku']));
      }
    });
    return errors;
  }

  private async loadProduct(id: string): Promise<ProductOutcome> {
    const [product] = await this.reader.productsByIds([id]);
    if (!product) throw new Error(`product ${id} vanished after its write`);
    return { product, userErrors: [] };
  }

  private async loadVariant(id: string): Promise<VariantOutcome> {
    const [variant] = await this.reader.variantsByIds([id]);
    if (!variant) throw new Error(`variant ${id} vanished after its write`);
    return { variant, userErrors: [] };
  }
}
