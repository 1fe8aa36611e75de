import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  visit,
} from 'graphql';

/** Static measures of one operation, taken before it is planned or executed. */
export interface OperationMeasure {
  type: 'query' | 'mutation' | 'subscription';
  /** Root fields selected (fragments expanded), without `__typename`. */
  rootFields: string[];
  /** Deepest field nesting; a root field is depth 1. Introspection fields are not counted. */
  depth: number;
  /** Aliased fields, counted once per place a fragment is spread. */
  aliases: number;
  /** Directive uses anywhere in the document. */
  directives: number;
  /** Calculated cost (see CostModel). */
  cost: number;
  /** The first `first`/`last` argument above the page-size limit, with its field path. */
  oversizedPage?: { path: string[]; size: number };
}

/**
 * Shopify's calculated query cost: a scalar or enum costs 0, an object 1, a
 * connection 2 plus its page size (`first`/`last`) times the cost of an item (its
 * edges and nodes; pageInfo once), a plain list its size (`first`/`limit`, else
 * `defaultListSize`) times its items' cost, and each mutation root field
 * `mutationCost` more.
 */
export interface CostModel {
  defaultListSize: number;
  mutationCost: number;
  /** `first`/`last` above this is recorded as `oversizedPage`. */
  maxPageSize: number;
}

interface Summary {
  cost: number;
  depth: number;
  aliases: number;
}

const ZERO: Summary = { cost: 0, depth: 0, aliases: 0 };
const SIZE_ARGUMENTS = ['first', 'last', 'limit'] as const;
const PAGE_ARGUMENTS = new Set(['first', 'last']);

/** The operation a request runs: the named one, or the only one. */
export function selectOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

function isConnection(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection');
}

/**
 * Measures an operation against the (API) schema. Unknown fields, types and
 * fragments count as nothing: validation, which runs later, refuses them. Each
 * fragment is measured once per parent type, so fragments spread inside fragments
 * cannot make the measure itself exponential, and a fragment cycle counts once.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  model: CostModel,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const variableDefaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) variableDefaults.set(v.variable.name.value, v.defaultValue);
  }
  const memo = new Map<string, Summary>();
  const visiting = new Set<string>();
  let oversizedPage: OperationMeasure['oversizedPage'];

  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
    if (node.kind === Kind.VARIABLE) {
      const value = variables[node.name.value];
      if (typeof value === 'number') return value;
      if (value === undefined) return intValue(variableDefaults.get(node.name.value));
    }
    return undefined;
  };

  /**
   * The size a field asks for, from its arguments or their schema defaults; every
   * `first`/`last` is checked against the page-size limit, on whatever field.
   */
  const requestedSize = (node: FieldNode, field: GraphQLField<unknown, unknown>, path: string[]) => {
    for (const name of SIZE_ARGUMENTS) {
      const given = node.arguments?.find((a) => a.name.value === name);
      const definition = field.args.find((a) => a.name === name);
      const size = given ? intValue(given.value) : (definition?.defaultValue as number | null | undefined);
      if (size === undefined || size === null) continue;
      if (PAGE_ARGUMENTS.has(name) && size > model.maxPageSize && !oversizedPage) {
        oversizedPage = { path: [...path, name], size };
      }
      return Math.max(size, 0);
    }
    return undefined;
  };

  const combine = (into: Summary, add: Summary): Summary => ({
    cost: into.cost + add.cost,
    depth: Math.max(into.depth, add.depth),
    aliases: into.aliases + add.aliases,
  });

  /**
   * `connectionSize`: set for the selection of a connection, whose lists (edges,
   * nodes) hold that many items while the rest (pageInfo, totalCount) is there once.
   * `pageSize`: the size a field without a list type asked for (`search(first: 24)
   * { products }`), which its nested connection serves.
   */
  const selectionSet = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    connectionSize: number | undefined,
    path: string[],
    pageSize?: number,
  ): Summary => {
    let total = ZERO;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total = combine(total, fieldSummary(selection, parent, connectionSize, path, pageSize));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (on && isCompositeType(on))
          total = combine(total, selectionSet(selection.selectionSet, on, connectionSize, path, pageSize));
      } else {
        total = combine(total, fragmentSummary(selection.name.value, connectionSize, path, pageSize));
      }
    }
    return total;
  };

  const fragmentSummary = (
    name: string,
    connectionSize: number | undefined,
    path: string[],
    pageSize?: number,
  ): Summary => {
    const fragment = fragments.get(name);
    const on = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !on || !isCompositeType(on)) return ZERO;
    const key = `${name}:${connectionSize}:${pageSize}`;
    const known = memo.get(key);
    if (known) return known;
    if (visiting.has(key)) return ZERO;
    visiting.add(key);
    const summary = selectionSet(fragment.selectionSet, on, connectionSize, path, pageSize);
    visiting.delete(key);
    memo.set(key, summary);
    return summary;
  };

  const fieldSummary = (
    node: FieldNode,
    parent: GraphQLCompositeType,
    connectionSize: number | undefined,
    path: string[],
    pageSize: number | undefined,
  ): Summary => {
    const name = node.name.value;
    const alias = node.alias ? 1 : 0;
    // Introspection is governed by its own setting; its deep type references are not the client's data.
    if (name.startsWith('__')) return { cost: 0, depth: name === '__typename' ? 1 : 0, aliases: alias };
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!field) return { cost: 0, depth: 1, aliases: alias };
    const fieldPath = [...path, node.alias?.value ?? name];
    const asked = requestedSize(node, field, fieldPath);
    const named = getNamedType(field.type);
    if (!isCompositeType(named) || !node.selectionSet) return { cost: 0, depth: 1, aliases: alias };
    const connection = isConnection(named);
    const isList = isListType(getNullableType(field.type));
    const size = asked ?? (connection ? pageSize : undefined) ?? connectionSize ?? model.defaultListSize;
    const passedOn = connection || isList ? undefined : asked;
    const children = selectionSet(node.selectionSet, named, connection ? size : undefined, fieldPath, passedOn);
    let cost: number;
    if (connection) cost = 2 + children.cost;
    else if (isList) cost = size * (1 + children.cost);
    else cost = 1 + children.cost;
    return { cost, depth: 1 + children.depth, aliases: alias + children.aliases };
  };

  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const summary = rootType ? selectionSet(operation.selectionSet, rootType, undefined, []) : ZERO;
  const rootFields = rootType ? rootFieldNames(operation.selectionSet, fragments, new Set()) : [];
  const directives = countDirectives(document);
  const mutationCost = operation.operation === 'mutation' ? rootFields.length * model.mutationCost : 0;
  return {
    type: operation.operation,
    rootFields,
    depth: summary.depth,
    aliases: summary.aliases,
    directives,
    cost: summary.cost + mutationCost,
    ...(oversizedPage ? { oversizedPage } : {}),
  };
}

function rootFieldNames(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): string[] {
  const names: string[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') names.push(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      names.push(...rootFieldNames(selection.selectionSet, fragments, seen));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      seen.add(fragment.name.value);
      names.push(...rootFieldNames(fragment.selectionSet, fragments, seen));
    }
  }
  return names;
}

function countDirectives(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Directive() {
      count += 1;
    },
  });
  return count;
}
