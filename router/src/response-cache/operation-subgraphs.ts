import {
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** What the response cache needs to know of an operation. */
export interface OperationShape {
  kind: 'query' | 'mutation' | 'subscription';
  /** Root field names, as in the schema (not aliases). */
  rootFields: string[];
  /** The subgraphs that resolve its root fields (what a mutation changes). */
  rootSubgraphs: Set<string>;
  /** For each field selected, the subgraphs that can resolve it; the operation's union. */
  subgraphs: Set<string>;
  /** Below the root, a field lists products (a connection, a list of Product). */
  nestedLists: boolean;
  /** Every selected field can be resolved by at least one of the allowed subgraphs. */
  onlyFrom(allowed: ReadonlySet<string>): boolean;
}

const argument = (args: readonly ArgumentNode[] | undefined, name: string): string | undefined => {
  const value = args?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
};

/**
 * Which subgraphs own each field of the supergraph, read from its `@join__type` and
 * `@join__field` directives: a field with `@join__field(graph: …)` (not external) is
 * resolved by those graphs, any other by every graph its type is in (a value type
 * such as Money is in several: any of them answers it where its parent was resolved).
 */
export function fieldOwners(supergraphSdl: string): (typeName: string, fieldName: string) => string[] {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const typeGraphs = new Map<string, string[]>();
  const fieldGraphs = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        graphNames.set(value.name.value, argument(graph?.arguments, 'name') ?? value.name.value.toLowerCase());
      }
    }
  }
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const type = definition.name.value;
    const graphs = (definition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => argument(d.arguments, 'graph'))
      .filter((g): g is string => Boolean(g))
      .map((g) => graphNames.get(g) ?? g);
    typeGraphs.set(type, [...(typeGraphs.get(type) ?? []), ...graphs]);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const owning = joins
        .filter((d) => {
          const external = d.arguments?.find((a) => a.name.value === 'external')?.value;
          return !(external?.kind === Kind.BOOLEAN && external.value);
        })
        .map((d) => argument(d.arguments, 'graph'))
        .filter((g): g is string => Boolean(g))
        .map((g) => graphNames.get(g) ?? g);
      if (owning.length > 0) fieldGraphs.set(`${type}.${field.name.value}`, owning);
    }
  }
  return (typeName, fieldName) => fieldGraphs.get(`${typeName}.${fieldName}`) ?? typeGraphs.get(typeName) ?? [];
}

/**
 * Analyses operations against the API schema and the supergraph's ownership: the
 * operation to run (by name, or the only one), its kind, root fields and subgraphs.
 * Null when the document has no such operation (Apollo refuses it anyway).
 */
export function operationAnalyser(
  schema: GraphQLSchema,
  supergraphSdl: string,
): (document: DocumentNode, operationName: string | null | undefined) => OperationShape | null {
  const owners = fieldOwners(supergraphSdl);
  return (document, operationName) => {
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
    if (!operation) return null;
    const perField: string[][] = [];
    const rootFields: string[] = [];
    const typeInfo = new TypeInfo(schema);
    let depth = 0;
    let nestedLists = false;
    const rootSubgraphs = new Set<string>();
    // Fragments are visited where they are spread: walk the operation with its fragments inlined.
    const fragments = new Map(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
    );
    const seen = new Set<string>();
    const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
      visit(
        node,
        visitWithTypeInfo(typeInfo, {
          Field: {
            enter(field) {
              const parent = typeInfo.getParentType();
              const name = field.name.value;
              if (depth === 0 && node === operation) {
                rootFields.push(name);
                const parent = typeInfo.getParentType();
                if (parent) for (const graph of owners(parent.name, name)) rootSubgraphs.add(graph);
              }
              depth += 1;
              if (parent && !name.startsWith('__')) perField.push(owners(parent.name, name));
              if (depth > 1) {
                const type = typeInfo.getType();
                const named = type ? getNamedType(type).name : '';
                const list = type ? isListType(getNullableType(type)) : false;
                if (named.endsWith('Connection') || (list && named === 'Product')) nestedLists = true;
              }
            },
            leave() {
              depth -= 1;
            },
          },
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (!fragment || seen.has(fragment.name.value)) return;
            seen.add(fragment.name.value);
            walk(fragment);
          },
        }),
      );
    walk(operation);
    // A fragment or inline fragment at the root hides root fields from the list above.
    if (operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD)) rootFields.push('...');
    const subgraphs = new Set(perField.flat());
    return {
      kind: operation.operation as OperationShape['kind'],
      rootFields,
      rootSubgraphs,
      subgraphs,
      nestedLists,
      onlyFrom: (allowed) => perField.every((graphs) => graphs.some((g) => allowed.has(g))),
    };
  };
}
