// Vale's `metric` rules are formulas in Tengo (e.g. `(words / sentences) + math.sqrt(syllables)`)
// with a condition (`> 8`). Written by hand because no maintained JavaScript package evaluates
// arithmetic safely without `eval`: a small recursive-descent parser over numbers, variables, the
// four operators, `%`, parentheses, comparisons and Tengo's `math.*` functions.

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
  "math.sqrt": Math.sqrt,
  "math.pow": Math.pow,
  "math.abs": Math.abs,
  "math.log": Math.log,
  "math.log10": Math.log10,
  "math.log2": Math.log2,
  "math.exp": Math.exp,
  "math.floor": Math.floor,
  "math.ceil": Math.ceil,
  "math.round": Math.round,
  "math.min": Math.min,
  "math.max": Math.max,
};

type Token = { kind: "num"; value: number } | { kind: "id"; value: string } | { kind: "op"; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][A-Za-z0-9_.]*)|(>=|<=|==|!=|&&|\|\||[-+*/%()<>,!]))/y;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    re.lastIndex = index;
    const m = re.exec(source);
    if (!m) throw new Error(`unexpected '${source.slice(index).trim().charAt(0)}' in formula '${source}'`);
    if (m[1] !== undefined) tokens.push({ kind: "num", value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: "id", value: m[2] });
    else tokens.push({ kind: "op", value: m[3] ?? "" });
    index = re.lastIndex;
  }
  return tokens;
}

export type Formula = (variables: Record<string, number>) => number | boolean;

/** Compiles a formula once; throws on a syntax error or an unknown function. */
export function compileFormula(source: string): Formula {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (value: string) => {
    const t = tokens[i];
    return t?.kind === "op" && t.value === value;
  };
  const expect = (value: string) => {
    if (!isOp(value)) throw new Error(`expected '${value}' in formula '${source}'`);
    i++;
  };
  type Node = (v: Record<string, number>) => number | boolean;
  const num = (n: Node) => (v: Record<string, number>) => Number(n(v));

  function binary(next: () => Node, ops: string[], apply: (op: string, a: number, b: number) => number | boolean): () => Node {
    return () => {
      let left = next();
      for (let t = peek(); t?.kind === "op" && ops.includes(t.value); t = peek()) {
        i++;
        const op = t.value;
        const a = num(left);
        const b = num(next());
        left = (v) => apply(op, a(v), b(v));
      }
      return left;
    };
  }
  function primary(): Node {
    const t = peek();
    if (!t) throw new Error(`formula '${source}' ends too soon`);
    i++;
    if (t.kind === "num") return () => t.value;
    if (t.kind === "op" && t.value === "(") {
      const inner = or();
      expect(")");
      return inner;
    }
    if (t.kind === "op" && t.value === "-") {
      const inner = num(primary());
      return (v) => -inner(v);
    }
    if (t.kind === "op" && t.value === "!") {
      const inner = primary();
      return (v) => !inner(v);
    }
    if (t.kind === "id") {
      if (isOp("(")) {
        const fn = FUNCTIONS[t.value];
        if (!fn) throw new Error(`unknown function '${t.value}' in formula '${source}'`);
        i++;
        const args: ((v: Record<string, number>) => number)[] = [];
        if (!isOp(")")) {
          args.push(num(or()));
          while (isOp(",")) {
            i++;
            args.push(num(or()));
          }
        }
        expect(")");
        return (v) => fn(...args.map((a) => a(v)));
      }
      const name = t.value;
      return (v) => v[name] ?? 0;
    }
    throw new Error(`unexpected '${t.value}' in formula '${source}'`);
  }
  const product = binary(primary, ["*", "/", "%"], (op, a, b) => (op === "*" ? a * b : op === "/" ? a / b : a % b));
  const sum = binary(product, ["+", "-"], (op, a, b) => (op === "+" ? a + b : a - b));
  const compare = binary(sum, [">", "<", ">=", "<=", "==", "!="], (op, a, b) =>
    op === ">" ? a > b : op === "<" ? a < b : op === ">=" ? a >= b : op === "<=" ? a <= b : op === "==" ? a === b : a !== b,
  );
  const and = binary(compare, ["&&"], (_op, a, b) => Boolean(a) && Boolean(b));
  const or = binary(and, ["||"], (_op, a, b) => Boolean(a) || Boolean(b));
  const root = or();
  if (i < tokens.length) throw new Error(`unexpected '${String(tokens[i]?.value)}' in formula '${source}'`);
  return root;
}
