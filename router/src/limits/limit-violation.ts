import type { OperationMeasure } from './operation-measure.js';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Largest `first`/`last` a connection accepts. */
  maxPageSize: number;
}

export interface LimitViolation {
  code: string;
  message: string;
  /** Argument path for BAD_USER_INPUT, as the subgraphs report it. */
  field?: string[];
}

/** The first limit an operation exceeds, or undefined when it is within all of them. */
export function limitViolation(measure: OperationMeasure, limits: OperationLimits): LimitViolation | undefined {
  if (measure.oversizedPage) {
    return {
      code: 'BAD_USER_INPUT',
      message: `${measure.oversizedPage.path.at(-1)} must be between 1 and ${limits.maxPageSize}.`,
      field: measure.oversizedPage.path,
    };
  }
  const checks: Array<[number, number, string, string]> = [
    [measure.depth, limits.maxDepth, 'MAX_DEPTH_EXCEEDED', 'depth'],
    [measure.aliases, limits.maxAliases, 'MAX_ALIASES_EXCEEDED', 'aliases'],
    [measure.rootFields.length, limits.maxRootFields, 'MAX_ROOT_FIELDS_EXCEEDED', 'root fields'],
    [measure.directives, limits.maxDirectives, 'MAX_DIRECTIVES_EXCEEDED', 'directives'],
    [measure.cost, limits.maxCost, 'MAX_COST_EXCEEDED', 'cost'],
  ];
  for (const [value, max, code, what] of checks) {
    if (value > max) return { code, message: `The operation's ${what} (${value}) exceeds the limit of ${max}.` };
  }
  return undefined;
}
