import {
  badUserInput,
  decodeCursor,
  encodeCursor,
  type KeysetPage,
  keysetPage,
  pageSize,
} from '@storegraph/graphql-kit';
import {
  type CatalogReader,
  type CategoryRecord,
  type CursorValues,
  type ProductRecord,
  type ProductSort,
  sortValue,
} from './catalog.records.js';

export interface ProductPageArgs {
  first?: number | null;
  after?: string | null;
  sortKey: ProductSort;
  reverse: boolean;
  categoryIds?: string[];
}

export type ProductPage = KeysetPage<ProductRecord>;

function cursorFor(product: ProductRecord, sort: ProductSort): string {
  return encodeCursor([sort, sortValue(product, sort), product.id]);
}

function parseCursor(cursor: string, sort: ProductSort): CursorValues {
  const [cursorSort, value, id] = decodeCursor(cursor, 3);
  const numeric = sort === 'PRICE' || sort === 'RATING';
  if (
    cursorSort !== sort ||
    typeof id !== 'string' ||
    (numeric ? typeof value !== 'number' : typeof value !== 'string')
  ) {
    throw badUserInput('after is not a cursor of this listing.', ['after']);
  }
  if (sort === 'CREATED_AT' && Number.isNaN(Date.parse(value as string))) {
    throw badUserInput('after is not a cursor of this listing.', ['after']);
  }
  return [value as string | number, id];
}

/** Every category in the subtree rooted at `rootId`, the root included. */
export function subtreeIds(categories: CategoryRecord[], rootId: string): string[] {
  const children = new Map<string | null, string[]>();
  for (const c of categories) {
    const list = children.get(c.parentId) ?? [];
    list.push(c.id);
    children.set(c.parentId, list);
  }
  const out: string[] = [];
  const stack = [rootId];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export class CatalogService {
  constructor(private readonly reader: CatalogReader) {}

  /** Live products only: a soft-deleted product keeps its id for order history, not its page. */
  productBySlug(slug: string): Promise<ProductRecord | null> {
    return this.reader.productBySlug(slug);
  }

  brands() {
    return this.reader.allBrands();
  }

  /** Products of a category and all its descendants. */
  async categoryProducts(
    categoryId: string,
    allCategories: CategoryRecord[],
    args: Omit<ProductPageArgs, 'categoryIds'>,
  ) {
    return this.productPage({ ...args, categoryIds: subtreeIds(allCategories, categoryId) });
  }

  /** A keyset page: stable under inserts, and one indexed query whatever the depth. */
  async productPage(args: ProductPageArgs): Promise<ProductPage> {
    const size = pageSize(args.first);
    const after = args.after ? parseCursor(args.after, args.sortKey) : null;
    const rows = await this.reader.productPage({
      sort: args.sortKey,
      reverse: args.reverse,
      limit: size + 1,
      after,
      categoryIds: args.categoryIds,
    });
    return keysetPage(rows, size, {
      cursorOf: (product) => cursorFor(product, args.sortKey),
      afterGiven: after !== null,
      count: () => this.reader.countProducts(args.categoryIds),
    });
  }
}
