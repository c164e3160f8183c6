// A parser and evaluator for the subset of OData v4 $filter that Defender's /api/machines accepts:
//   eq ne gt ge lt le, and, or, not, parentheses, startswith(field,'x'), machineTags/any(t: t eq 'x'),
//   string literals with '' escaping, integers, null, true/false, and unquoted date-times.
// Anything else is an ODataFilterError (the server answers 400 ODataError).
import type { WireMachine } from './data/types';

export class ODataFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataFilterError';
  }
}

const STRING_FIELDS = [
  'computerDnsName',
  'id',
  'version',
  'healthStatus',
  'osPlatform',
  'riskScore',
  'exposureLevel',
  'lastIpAddress',
  'deviceValue',
  'onboardingStatus',
  'aadDeviceId',
] as const;
type StringField = (typeof STRING_FIELDS)[number];
const SCALAR_FIELDS = [...STRING_FIELDS, 'rbacGroupId', 'lastSeen'] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];

/** Properties $filter may name; `machineTags` only through any(). */
export const FILTERABLE_FIELDS: readonly string[] = [...SCALAR_FIELDS, 'machineTags'];

const COMPARE_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
type CompareOp = (typeof COMPARE_OPS)[number];

type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'datetime'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' };

type Operand = { kind: 'field'; field: ScalarField } | { kind: 'lambdaVar'; name: string };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Literal }
  | { kind: 'startswith'; target: Operand; prefix: string }
  | { kind: 'any'; variable: string | null; body: FilterExpr | null };

// ---------------------------------------------------------------- tokens

type Punct = '(' | ')' | ',' | ':' | '/';
type Token =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'literal'; text: string; pos: number }
  | { kind: 'punct'; text: Punct; pos: number }
  | { kind: 'end'; pos: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
      tokens.push({ kind: 'punct', text: ch, pos: i });
      i++;
    } else if (ch === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw syntaxError(input, start, 'unterminated string literal');
        const c = input.charAt(i);
        if (c === "'") {
          if (input.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      tokens.push({ kind: 'string', value, pos: start });
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i));
      const text = m?.[0] ?? ch;
      tokens.push({ kind: 'ident', text, pos: i });
      i += text.length;
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(input.charAt(i + 1)))) {
      const m = /^-?[0-9][0-9A-Za-z:.+-]*/.exec(input.slice(i));
      const text = m?.[0] ?? ch;
      tokens.push({ kind: 'literal', text, pos: i });
      i += text.length;
    } else {
      throw syntaxError(input, i, `unexpected character '${ch}'`);
    }
  }
  tokens.push({ kind: 'end', pos: input.length });
  return tokens;
}

function syntaxError(input: string, pos: number, detail: string): ODataFilterError {
  return new ODataFilterError(`Invalid filter clause: Syntax error at position ${pos} in '${input}': ${detail}.`);
}

// ---------------------------------------------------------------- parser

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses an OData date-time (or date) literal to epoch ms; NaN when malformed. */
export function parseODataDateTime(text: string): number {
  const m = DATETIME.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = frac === '' ? '' : frac.slice(0, 4).padEnd(4, '0');
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${zone}`;
  const value = Date.parse(iso);
  // Date.parse rolls over impossible dates (Feb 30); refuse them.
  if (Number.isNaN(value)) return NaN;
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return NaN;
  return value;
}

class Parser {
  private index = 0;
  private lambdaVar: string | null = null;

  constructor(
    private readonly input: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterExpr {
    const expr = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'end') throw this.error(t, 'expected the end of the expression');
    return expr;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] ?? { kind: 'end', pos: this.input.length };
  }

  private next(): Token {
    const t = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return t;
  }

  private error(t: Token, detail: string): ODataFilterError {
    return syntaxError(this.input, t.pos, detail);
  }

  private isKeyword(t: Token, word: string): boolean {
    return t.kind === 'ident' && t.text === word;
  }

  private expectPunct(p: Punct): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) throw this.error(t, `expected '${p}'`);
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpr {
    if (this.isKeyword(this.peek(), 'not')) {
      this.next();
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterExpr {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    if (t.kind !== 'ident') throw this.error(t, "expected a property, a function or '('");
    const after = this.peek(1);
    if (after.kind === 'punct' && after.text === '(') return this.parseFunction();
    if (after.kind === 'punct' && after.text === '/') return this.parseAny();
    const left = this.parseOperand();
    const opTok = this.next();
    const op = opTok.kind === 'ident' ? COMPARE_OPS.find((o) => o === opTok.text) : undefined;
    if (op === undefined) throw this.error(opTok, 'expected a comparison operator (eq, ne, gt, ge, lt, le)');
    const right = this.parseLiteral();
    checkTypes(left, op, right);
    return { kind: 'compare', op, left, right };
  }

  private parseFunction(): FilterExpr {
    const nameTok = this.next();
    const name = nameTok.kind === 'ident' ? nameTok.text : '';
    if (name !== 'startswith') {
      throw new ODataFilterError(`An unknown function with name '${name}' was found, or it is not supported by this API.`);
    }
    this.expectPunct('(');
    const target = this.parseOperand();
    if (target.kind === 'field' && !isStringField(target.field)) {
      throw new ODataFilterError(`startswith needs a string property; '${target.field}' is not one.`);
    }
    this.expectPunct(',');
    const lit = this.next();
    if (lit.kind !== 'string') throw this.error(lit, 'startswith expects a string literal');
    this.expectPunct(')');
    return { kind: 'startswith', target, prefix: lit.value };
  }

  private parseAny(): FilterExpr {
    const coll = this.next();
    const name = coll.kind === 'ident' ? coll.text : '';
    if (name !== 'machineTags') {
      throw new ODataFilterError(`The property '${name}' cannot be used with a lambda operator: only machineTags is a collection.`);
    }
    this.expectPunct('/');
    const fn = this.next();
    if (!this.isKeyword(fn, 'any')) throw this.error(fn, "expected 'any'");
    if (this.lambdaVar !== null) throw this.error(fn, 'nested lambda expressions are not supported');
    this.expectPunct('(');
    const close = this.peek();
    if (close.kind === 'punct' && close.text === ')') {
      this.next();
      return { kind: 'any', variable: null, body: null };
    }
    const v = this.next();
    if (v.kind !== 'ident') throw this.error(v, 'expected a lambda variable name');
    if (isKnownField(v.text)) throw this.error(v, `the lambda variable '${v.text}' hides a property`);
    this.expectPunct(':');
    this.lambdaVar = v.text;
    const body = this.parseOr();
    this.lambdaVar = null;
    this.expectPunct(')');
    return { kind: 'any', variable: v.text, body };
  }

  private parseOperand(): Operand {
    const t = this.next();
    if (t.kind !== 'ident') throw this.error(t, 'expected a property name');
    if (this.lambdaVar !== null && t.text === this.lambdaVar) return { kind: 'lambdaVar', name: t.text };
    if (t.text === 'machineTags') {
      throw new ODataFilterError("machineTags is a collection: use machineTags/any(t: t eq 'value').");
    }
    const field = SCALAR_FIELDS.find((f) => f === t.text);
    if (field === undefined) {
      throw new ODataFilterError(`Could not find a property named '${t.text}' on type 'microsoft.windowsDefenderATP.api.PublicAssetDto'.`);
    }
    return { kind: 'field', field };
  }

  private parseLiteral(): Literal {
    const t = this.next();
    if (t.kind === 'string') return { type: 'string', value: t.value };
    if (t.kind === 'ident') {
      if (t.text === 'null') return { type: 'null' };
      if (t.text === 'true' || t.text === 'false') return { type: 'boolean', value: t.text === 'true' };
      throw this.error(t, `expected a literal, found '${t.text}'`);
    }
    if (t.kind === 'literal') {
      if (/^-?\d+$/.test(t.text)) {
        const value = Number(t.text);
        if (!Number.isSafeInteger(value)) throw this.error(t, 'integer literal out of range');
        return { type: 'number', value };
      }
      if (/^-?\d+\.\d+$/.test(t.text)) return { type: 'number', value: Number(t.text) };
      const ms = parseODataDateTime(t.text);
      if (!Number.isNaN(ms)) return { type: 'datetime', value: ms };
      throw this.error(t, `'${t.text}' is not a valid literal`);
    }
    throw this.error(t, 'expected a literal');
  }
}

function isKnownField(name: string): boolean {
  return FILTERABLE_FIELDS.includes(name);
}

function isStringField(field: ScalarField): field is StringField {
  return (STRING_FIELDS as readonly string[]).includes(field);
}

function edmType(l: Literal): string {
  switch (l.type) {
    case 'string':
      return 'Edm.String';
    case 'number':
      return Number.isInteger(l.value) ? 'Edm.Int32' : 'Edm.Decimal';
    case 'datetime':
      return 'Edm.DateTimeOffset';
    case 'boolean':
      return 'Edm.Boolean';
    case 'null':
      return 'null';
  }
}

function checkTypes(left: Operand, op: CompareOp, right: Literal): void {
  if (right.type === 'null') return;
  const field = left.kind === 'field' ? left.field : null;
  const ok =
    field === 'rbacGroupId'
      ? right.type === 'number' || right.type === 'string'
      : field === 'lastSeen'
        ? right.type === 'datetime'
        : right.type === 'string';
  if (!ok) {
    const leftType = field === 'rbacGroupId' ? 'Edm.Int32' : field === 'lastSeen' ? 'Edm.DateTimeOffset' : 'Edm.String';
    throw new ODataFilterError(
      `A binary operator with incompatible types was detected. Found operand types '${leftType}' and '${edmType(right)}' for operator kind '${op}'.`,
    );
  }
}

export function parseFilter(input: string): FilterExpr {
  if (input.trim() === '') throw new ODataFilterError('The $filter expression is empty.');
  return new Parser(input, tokenize(input)).parse();
}

// ---------------------------------------------------------------- evaluation

type Value = string | number | null;

function fieldValue(m: WireMachine, field: ScalarField): Value {
  switch (field) {
    case 'rbacGroupId':
      return m.rbacGroupId ?? null;
    case 'lastSeen': {
      const ms = typeof m.lastSeen === 'string' ? parseODataDateTime(m.lastSeen) : NaN;
      return Number.isNaN(ms) ? null : ms;
    }
    default: {
      const v = m[field];
      return typeof v === 'string' ? v : null;
    }
  }
}

function compareValues(op: CompareOp, a: string | number, b: string | number): boolean {
  if (op === 'eq') return a === b;
  if (op === 'ne') return a !== b;
  if (typeof a !== typeof b) return false;
  switch (op) {
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

function resolve(operand: Operand, m: WireMachine, lambdaValue: string | undefined): { value: Value; caseInsensitive: boolean } {
  if (operand.kind === 'lambdaVar') return { value: lambdaValue ?? null, caseInsensitive: false };
  return { value: fieldValue(m, operand.field), caseInsensitive: operand.field === 'computerDnsName' };
}

export function matchesFilter(expr: FilterExpr, m: WireMachine, lambdaValue?: string): boolean {
  switch (expr.kind) {
    case 'and':
      return matchesFilter(expr.left, m, lambdaValue) && matchesFilter(expr.right, m, lambdaValue);
    case 'or':
      return matchesFilter(expr.left, m, lambdaValue) || matchesFilter(expr.right, m, lambdaValue);
    case 'not':
      return !matchesFilter(expr.operand, m, lambdaValue);
    case 'any': {
      const tags = m.machineTags ?? [];
      const body = expr.body;
      if (body === null) return tags.length > 0;
      return tags.some((t) => matchesFilter(body, m, t));
    }
    case 'startswith': {
      const { value, caseInsensitive } = resolve(expr.target, m, lambdaValue);
      if (typeof value !== 'string') return false;
      return caseInsensitive ? value.toLowerCase().startsWith(expr.prefix.toLowerCase()) : value.startsWith(expr.prefix);
    }
    case 'compare': {
      const { value, caseInsensitive } = resolve(expr.left, m, lambdaValue);
      const lit = expr.right;
      if (lit.type === 'null') return expr.op === 'eq' ? value === null : expr.op === 'ne' ? value !== null : false;
      if (value === null) return expr.op === 'ne';
      if (lit.type === 'boolean') return false;
      if (expr.left.kind === 'field' && expr.left.field === 'rbacGroupId' && typeof value !== typeof lit.value) {
        // The seed's string ids next to numeric literals (and vice versa): compare the text.
        if (expr.op === 'eq' || expr.op === 'ne') return compareValues(expr.op, String(value), String(lit.value));
        return false;
      }
      if (caseInsensitive && typeof value === 'string' && typeof lit.value === 'string') {
        return compareValues(expr.op, value.toLowerCase(), lit.value.toLowerCase());
      }
      return compareValues(expr.op, value, lit.value);
    }
  }
}
