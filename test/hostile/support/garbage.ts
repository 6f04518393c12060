import {
  astFromValue,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isObjectType,
  isScalarType,
  print,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** A small seeded generator (mulberry32): the same seed gives the same garbage, so a failure can be replayed. */
export class Garbage {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Text a hostile client might send: plain, unicode, NUL, lone surrogates, markup, escapes, very long. */
  text(): string {
    const pieces = ['hydrogen', 'W2250539671', 'A5087940859', 'T10226', '10.1234/abc', '\u0000', '\ud800', '\udc00', '😀', '<em>', '\u001b[31m', '\u200b', '\ue000', '"', '\\', "'", 'https://openalex.org/W1', ' ', 'OR', '-x'];
    const length = this.chance(0.05) ? 5_000 + this.int(20_000) : this.int(6);
    let out = '';
    for (let i = 0; i < length && out.length < 30_000; i++) out += this.chance(0.7) ? this.pick(pieces) : String.fromCharCode(this.int(0x10000));
    return out;
  }

  /** A number of any kind: small, huge, negative, fractional, past int4. */
  number(): number {
    return this.pick([0, 1, -1, 25, 200, 201, 5_000, 2_147_483_648, -2_147_483_649, 1e21, 0.5, -0.0001, Number.MAX_SAFE_INTEGER, 1800, 1999, 3000]);
  }

  /** Any JSON value, nested up to `depth`. */
  json(depth = 3): unknown {
    const kind = this.int(depth <= 0 ? 4 : 7);
    switch (kind) {
      case 0:
        return this.text();
      case 1:
        return this.number();
      case 2:
        return this.chance(0.5);
      case 3:
        return null;
      case 4:
        return Array.from({ length: this.int(4) }, () => this.json(depth - 1));
      default:
        return Object.fromEntries(Array.from({ length: this.int(4) }, () => [this.pick(['id', 'first', 'after', 'gte', 'lte', 'and', 'or', 'doi', 'x']), this.json(depth - 1)]));
    }
  }

  /** A cursor-looking value: base64url of random JSON shaped like the gateway's cursors, or of junk. */
  cursor(): string {
    const payload = this.chance(0.7) ? { s: this.pick(['work:CITED_BY_COUNT_DESC', 'work:TITLE_ASC', 'author:', 'references', 'citations:CITED_BY:2', this.text()]), v: this.json(1) } : this.json(2);
    return Buffer.from(JSON.stringify(payload) ?? '').toString(this.chance(0.8) ? 'base64url' : 'latin1');
  }
}

/**
 * A random operation over `schema`: a random root field with random arguments (values of the right type or not:
 * hostile text, numbers past every limit, wrong shapes, forged cursors), and a random selection of its type's
 * fields, nested up to `depth`. Valid or not — the gateway must answer a typed error or data either way.
 */
export function randomOperation(schema: GraphQLSchema, g: Garbage, depth = 3): { query: string; variables: Record<string, unknown> } {
  const root = (g.chance(0.1) ? (schema.getMutationType() ?? schema.getQueryType()) : schema.getQueryType()) as GraphQLObjectType;
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  let n = 0;
  const argumentsOf = (args: readonly GraphQLArgument[]): string => {
    const given = args.filter((a) => g.chance(0.6) || String(a.type).endsWith('!'));
    if (given.length === 0) return '';
    return `(${given
      .map((a) => {
        if (g.chance(0.3)) {
          const name = `v${n++}`;
          definitions.push(`$${name}: ${String(a.type)}`);
          variables[name] = g.chance(0.7) ? valueOf(a.type, g, 2) : g.json(3);
          return `${a.name}: $${name}`;
        }
        return `${a.name}: ${literalOf(valueOf(a.type, g, 2), a.type)}`;
      })
      .join(', ')})`;
  };
  const selection = (type: GraphQLObjectType, level: number): string => {
    const fields = Object.values(type.getFields());
    const chosen = Array.from({ length: 1 + g.int(4) }, () => g.pick(fields));
    return chosen
      .map((field) => {
        const named = getNamedType(field.type);
        const alias = g.chance(0.2) ? `a${n++}: ` : '';
        if (isLeafType(named)) return `${alias}${field.name}${argumentsOf(field.args)}`;
        if (!isObjectType(named) || level >= depth) return `${alias}${field.name}${argumentsOf(field.args)} { __typename }`;
        return `${alias}${field.name}${argumentsOf(field.args)} { ${selection(named, level + 1)} }`;
      })
      .join(' ');
  };
  const body = selection(root, 0);
  const keyword = root === schema.getMutationType() ? 'mutation' : 'query';
  return { query: `${keyword} Fuzz${g.int(1_000)}${definitions.length > 0 ? `(${definitions.join(', ')})` : ''} { ${body} }`, variables };
}

/** The GraphQL literal of `value` as `type` reads it (enums unquoted); JSON-ish text when it does not fit the type. */
function literalOf(value: unknown, type: GraphQLInputType): string {
  try {
    const ast = astFromValue(value, type);
    if (ast) return print(ast);
  } catch {
    // not of that type: sent as it is below
  }
  return JSON.stringify(value ?? null).replace(/"([A-Za-z_][A-Za-z_0-9]*)":/g, '$1:');
}

/** A value for an input type: mostly of the right shape with hostile contents, sometimes of the wrong shape. */
function valueOf(type: GraphQLInputType, g: Garbage, depth: number): unknown {
  if (g.chance(0.05)) return g.json(2);
  const nullable = getNullableType(type);
  if (isListType(nullable)) return Array.from({ length: g.int(3) }, () => valueOf(nullable.ofType as GraphQLInputType, g, depth - 1));
  if (isEnumType(nullable)) return g.chance(0.9) ? g.pick(nullable.getValues()).value : g.text();
  if (isInputObjectType(nullable)) {
    if (depth <= 0) return {};
    const fields = Object.values(nullable.getFields()).filter((f) => g.chance(0.4) || String(f.type).endsWith('!'));
    return Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, g, depth - 1)]));
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'Int':
      case 'Float':
        return g.number();
      case 'Boolean':
        return g.chance(0.5);
      case 'ID':
        return g.pick(['W2250539671', 'A5087940859', 'T10226', 'I24676775', 'S1', 'WG0123456789ABCDEF0123456789ABCDEF', g.text()]);
      default:
        return g.chance(0.5) ? g.cursor() : g.text();
    }
  }
  return null;
}
