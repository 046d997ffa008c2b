// `npm run check:boundaries`: the walls of the house, read from the source.
//
//   (a) deep import     — code outside server/modules/<m>/ imports a file of <m> other than its
//                         face, server/modules/<m>/index.ts ("@/server/modules/<m>"). Browser
//                         code ("use client") may also import <m>/schemas.ts: the zod shapes,
//                         the face's browser-safe half.
//   (b) foreign model   — production code touches a model it does not own: a Prisma delegate
//                         call `x.<model>.<op>(` or raw SQL naming the model's table. A module
//                         owns the models of prisma/schema/<module>.prisma; the few shared
//                         infrastructure files name their owner in an `// owner:` line.
//   (c) cycle           — an import cycle between modules (any import, types included: it is
//                         the dependency direction) or between files (imports that exist at
//                         run time, `import()` included; type-only imports are erased).
//   (d) forbidden import — production code imports simulator/ (only the composition root may)
//                         or test code (below).
//   (e) context         — production code opens a tenant's database itself (tenantDb) instead
//                         of through the context factory, server/service-context.ts.
//   (f) raw SQL         — production code calls $queryRaw/$executeRaw(Unsafe) itself instead
//                         of through server/sql.ts (tenantSql binds the tenant predicate;
//                         crossTenantSql is the named way for work that spans every tenant).
//
// Test code (*.test.ts, server/testing/, test-fixtures.ts, test-helpers.ts, e2e-service.ts, e2e/,
// bench/) may
// read and write any table to arrange and inspect state; it still imports other modules only
// through their faces. There is no allow-list: every violation fails the check.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..");
const rel = (abs: string) => path.relative(root, abs).split(path.sep).join("/");

/** The one file allowed to import simulator/: it picks real or simulated adapters. */
export const COMPOSITION_ROOT = "server/adapters/compose.ts";
/** The one file that opens a tenant's database: the context factory. */
export const CONTEXT_FACTORY = "server/service-context.ts";
/** The one file that runs raw SQL: the tenant-scoped (and the explicitly cross-tenant) helper. */
export const RAW_SQL_HELPER = "server/sql.ts";
const RAW_SQL_METHODS = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]);

const SOURCE_DIRS = [
  "app",
  "components",
  "lib",
  "server",
  "inngest",
  "prisma",
  "scripts",
  "simulator",
  "bench",
  "e2e",
  "emails",
  "radius",
];
const SKIP_DIRS = new Set(["node_modules", ".next", ".data", "generated", "test-results", "playwright-report"]);

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIP_DIRS.has(name)) continue;
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith(".d.ts")) out.push(rel(abs));
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  for (const name of readdirSync(root)) if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) out.push(name);
  return out.sort();
}

export function isTestCode(file: string): boolean {
  return (
    /\.test\.tsx?$/.test(file) ||
    /(^|\/)(test-fixtures|test-helpers|e2e-service)\.ts$/.test(file) ||
    file.startsWith("server/testing/") ||
    file.startsWith("e2e/") ||
    file.startsWith("bench/") ||
    file === "vitest.config.ts" ||
    file === "playwright.config.ts"
  );
}

export function moduleOf(file: string): string | null {
  return file.match(/^server\/modules\/([^/]+)\//)?.[1] ?? null;
}

// ── imports ──────────────────────────────────────────────────────────────────────────────
type Import = { from: string; to: string; spec: string; line: number; typeOnly: boolean; lazy: boolean };

function resolve(from: string, spec: string): string | null | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return undefined; // a package
  const stem = base.replace(/\.(js|mjs)$/, "");
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}/index.ts`, `${stem}/index.tsx`]) {
    const abs = path.join(root, c);
    if (existsSync(abs) && statSync(abs).isFile()) return c;
  }
  if (existsSync(path.join(root, `${stem}.d.ts`))) return undefined;
  return null;
}

function allTypeOnly(elements: readonly { isTypeOnly: boolean }[] | undefined): boolean {
  return Boolean(elements && elements.length > 0 && elements.every((e) => e.isTypeOnly));
}

type Parsed = {
  imports: Import[];
  unresolved: { spec: string; line: number }[];
  source: ts.SourceFile;
  /** A "use client" file: it runs in the browser too. */
  browser: boolean;
};

function parse(file: string): Parsed {
  const text = readFileSync(path.join(root, file), "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const imports: Import[] = [];
  const unresolved: Parsed["unresolved"] = [];
  const add = (node: ts.Node, spec: string, typeOnly: boolean, lazy: boolean) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const to = resolve(file, spec);
    if (to === undefined) return;
    if (to === null) unresolved.push({ spec, line });
    else imports.push({ from: file, to, spec, line, typeOnly, lazy });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : null;
      const typeOnly = Boolean(clause && (clause.isTypeOnly || (!clause.name && named && allTypeOnly(named.elements))));
      add(node, node.moduleSpecifier.text, typeOnly, false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause : null;
      add(node, node.moduleSpecifier.text, node.isTypeOnly || Boolean(named && allTypeOnly(named.elements)), false);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false, true);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(node, arg.literal.text, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const first = source.statements[0];
  const browser = Boolean(
    first &&
      ts.isExpressionStatement(first) &&
      ts.isStringLiteral(first.expression) &&
      first.expression.text === "use client",
  );
  return { imports, unresolved, source, browser };
}

// ── models and their owners ──────────────────────────────────────────────────────────────
type Model = {
  name: string;
  delegate: string;
  table: string;
  schemaFile: string;
  owners: string[];
  /** Relation fields: field name → the model it points at. */
  relations: Map<string, string>;
};

export function loadModels(): Model[] {
  const dir = path.join(root, "prisma/schema");
  const models: Model[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".prisma"))) {
    const text = readFileSync(path.join(dir, name), "utf8");
    const stem = name.replace(/\.prisma$/, "");
    const declared = [...text.matchAll(/^\/\/ owner: (.+)$/gm)].flatMap((m) => m[1]!.split(",").map((s) => s.trim()));
    const owners = declared.length ? declared : [`server/modules/${stem}/`];
    for (const m of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      const modelName = m[1]!;
      const mapped = m[2]!.match(/@@map\("([^"]+)"\)/)?.[1];
      const fields = [...m[2]!.matchAll(/^\s*(\w+)\s+(\w+)(?:\[\])?\??(?:\s|$)/gm)].map((f) => [f[1]!, f[2]!] as const);
      models.push({
        name: modelName,
        delegate: modelName[0]!.toLowerCase() + modelName.slice(1),
        table: mapped ?? modelName,
        schemaFile: `prisma/schema/${name}`,
        owners,
        relations: new Map(fields),
      });
    }
  }
  // Keep only the fields whose type is a model: the relations.
  const names = new Set(models.map((m) => m.name));
  for (const m of models) for (const [field, type] of m.relations) if (!names.has(type)) m.relations.delete(field);
  return models;
}

const PRISMA_OPS = new Set([
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "count",
  "aggregate",
  "groupBy",
]);

type Access = { model: Model; line: number; how: string };

function modelAccesses(parsed: Parsed, models: Model[]): Access[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const byDelegate = new Map(models.map((m) => [m.delegate, m]));
  const byTable = new Map(models.map((m) => [m.table, m]));
  const out: Access[] = [];
  const { source } = parsed;
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  // Object literals bound to a name in this file (`const detailInclude = { … } as const`), so an
  // `include: detailInclude` is followed too.
  const literals = new Map<string, ts.ObjectLiteralExpression>();
  const unwrap = (e: ts.Expression): ts.Expression =>
    ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e;
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = unwrap(node.initializer);
      if (ts.isObjectLiteralExpression(init)) literals.set(node.name.text, init);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const objectOf = (e: ts.Expression | undefined): ts.ObjectLiteralExpression | null => {
    if (!e) return null;
    const u = unwrap(e);
    if (ts.isObjectLiteralExpression(u)) return u;
    if (ts.isIdentifier(u)) return literals.get(u.text) ?? null;
    return null;
  };
  const keyOf = (p: ts.ObjectLiteralElementLike) =>
    p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
  const propObject = (p: ts.ObjectLiteralElementLike) => (ts.isPropertyAssignment(p) ? objectOf(p.initializer) : null);
  const relatedTo = (model: Model, name: string | null) =>
    name ? byName.get(model.relations.get(name) ?? "") : undefined;
  // A relation filter in a literal `where` (`{ invoice: { number } }`, `{ allocations: { some: … } }`,
  // inside AND/OR/NOT): each names the related model. A filter built up by assignment is not seen.
  const filter = (model: Model, key: string | null, init: ts.Expression, at: ts.Node, depth: number) => {
    if (depth > 8) return;
    if (key === "AND" || key === "OR" || key === "NOT") {
      const u = unwrap(init);
      for (const item of ts.isArrayLiteralExpression(u) ? u.elements : [u]) {
        const o = objectOf(item as ts.Expression);
        if (o) filters(model, o, depth + 1);
      }
      return;
    }
    const target = relatedTo(model, key);
    if (!target) return;
    out.push({ model: target, line: lineOf(at), how: `where on ${model.name}.${key}` });
    const value = objectOf(init);
    if (!value) return;
    const quantified = value.properties.filter((q) =>
      ["some", "every", "none", "is", "isNot"].includes(keyOf(q) ?? ""),
    );
    for (const q of quantified.length > 0 ? quantified.map(propObject) : [value]) if (q) filters(target, q, depth + 1);
  };
  const filters = (model: Model, where: ts.ObjectLiteralExpression, depth: number) => {
    for (const prop of where.properties)
      if (ts.isPropertyAssignment(prop)) filter(model, keyOf(prop), prop.initializer, prop, depth);
  };
  // Filters typed `Prisma.<Model>WhereInput` and built up by assignment (`where.OR = [...]`).
  const typedWheres = new Map<string, Model>();
  const collectWheres = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.type) {
      const model = byName.get(/^Prisma\.(\w+)WhereInput$/.exec(node.type.getText(source))?.[1] ?? "");
      if (model) {
        typedWheres.set(node.name.text, model);
        const init = node.initializer && objectOf(node.initializer);
        if (init) filters(model, init, 0);
      }
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      ts.isIdentifier(node.left.expression)
    ) {
      const model = typedWheres.get(node.left.expression.text);
      if (model) filter(model, node.left.name.text, node.right, node, 0);
    }
    ts.forEachChild(node, collectWheres);
  };
  // `include`/`select` of relation fields (and `_count` of them) and relation filters in a query's
  // arguments: each names the related model.
  const relations = (model: Model, args: ts.ObjectLiteralExpression, depth: number) => {
    if (depth > 8) return;
    for (const prop of args.properties) {
      const key = keyOf(prop);
      if (key === "where") {
        const where = propObject(prop);
        if (where) filters(model, where, depth);
        continue;
      }
      if (key !== "include" && key !== "select") continue;
      const value = propObject(prop);
      if (!value) continue;
      for (const field of value.properties) {
        const name = keyOf(field);
        if (name === "_count") {
          const counted = propObject(field)?.properties.find((p) => keyOf(p) === "select");
          for (const c of (counted && propObject(counted)?.properties) || []) {
            const target = relatedTo(model, keyOf(c));
            if (target) out.push({ model: target, line: lineOf(c), how: `_count of ${model.name}.${keyOf(c)}` });
          }
          continue;
        }
        const target = relatedTo(model, name);
        if (!target) continue;
        out.push({ model: target, line: lineOf(field), how: `${key} of ${model.name}.${name}` });
        const nested = ts.isPropertyAssignment(field) ? objectOf(field.initializer) : null;
        if (nested) relations(target, nested, depth + 1);
      }
    }
  };
  collectWheres(source);
  const sqlTables = (sql: string): string[] => {
    if (!/\b(select|insert|update|delete|truncate)\b/i.test(sql)) return [];
    const found = new Set<string>();
    for (const m of sql.matchAll(
      /\b(?:from|join|into|update|table|truncate)\s+(?:only\s+)?(?:public\.)?("?)(\w+)\1/gi,
    )) {
      const table = m[2]!;
      if (byTable.has(table) && (m[1] === '"' || table === table.toLowerCase())) found.add(table);
    }
    for (const m of sql.matchAll(/"(\w+)"/g)) if (byTable.has(m[1]!) && m[1] !== m[1]!.toLowerCase()) found.add(m[1]!);
    return [...found];
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      PRISMA_OPS.has(node.expression.name.text) &&
      ts.isPropertyAccessExpression(node.expression.expression)
    ) {
      const model = byDelegate.get(node.expression.expression.name.text);
      if (model) {
        out.push({ model, line: lineOf(node), how: `.${model.delegate}.${node.expression.name.text}()` });
        const args = objectOf(node.arguments[0]);
        if (args) relations(model, args, 0);
      }
    }
    let sql: string | null = null;
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) sql = node.text;
    else if (ts.isTemplateExpression(node))
      sql = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" $x ");
    if (sql)
      for (const table of sqlTables(sql))
        out.push({ model: byTable.get(table)!, line: lineOf(node), how: `SQL on ${table}` });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function rawSqlCalls(parsed: Parsed): { line: number; method: string }[] {
  const calls: { line: number; method: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && RAW_SQL_METHODS.has(node.name.text))
      calls.push({
        line: parsed.source.getLineAndCharacterOfPosition(node.name.getStart()).line + 1,
        method: node.name.text,
      });
    ts.forEachChild(node, visit);
  };
  visit(parsed.source);
  return calls;
}

function tenantDbCalls(parsed: Parsed): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "tenantDb")
      lines.push(parsed.source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(parsed.source);
  return lines;
}

// ── cycles ───────────────────────────────────────────────────────────────────────────────
/** Strongly connected components with more than one node (or a self-loop). */
function cyclicComponents(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || graph.get(v)?.has(v)) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
}

/** One concrete loop through the component, starting at its first member (for the message). */
function loopIn(graph: Map<string, Set<string>>, comp: string[]): string[] {
  const members = new Set(comp);
  const start = comp[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const loop = [start];
        for (let x = v; x !== start; x = prev.get(x)!) loop.splice(1, 0, x);
        return [...loop, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp;
}

// ── the check ────────────────────────────────────────────────────────────────────────────
type Violation = { key: string; message: string };

export function findViolations(): { violations: Violation[]; files: number } {
  const files = sourceFiles();
  const models = loadModels();
  const violations: Violation[] = [];
  const fileGraph = new Map<string, Set<string>>();
  const moduleGraph = new Map<string, Map<string, Import>>();

  for (const file of files) {
    const parsed = parse(file);
    const from = moduleOf(file);
    const test = isTestCode(file);
    for (const u of parsed.unresolved)
      violations.push({
        key: `unresolved ${file} ${u.spec}`,
        message: `${file}:${u.line} imports "${u.spec}", which does not exist`,
      });

    for (const imp of parsed.imports) {
      const to = moduleOf(imp.to);
      // (a) deep imports. Browser code may open a module's schemas.ts, the browser-safe half of
      // its face (zod shapes only), since a browser bundle cannot take the server half.
      const face =
        imp.to === `server/modules/${to}/index.ts` || (parsed.browser && imp.to === `server/modules/${to}/schemas.ts`);
      if (to && to !== from && !face)
        violations.push({
          key: `deep-import ${file} -> ${imp.to}`,
          message: `${file}:${imp.line} imports ${imp.to}: import "@/server/modules/${to}" (its index.ts) instead, and export what you need there`,
        });
      // (d) production code importing the simulator or test helpers
      if (!test && file !== COMPOSITION_ROOT && !file.startsWith("simulator/") && imp.to.startsWith("simulator/"))
        violations.push({
          key: `simulator-import ${file} -> ${imp.to}`,
          message: `${file}:${imp.line} imports ${imp.to}: production code reaches the simulator only through ${COMPOSITION_ROOT}`,
        });
      if (!test && isTestCode(imp.to))
        violations.push({
          key: `test-import ${file} -> ${imp.to}`,
          message: `${file}:${imp.line} imports the test helper ${imp.to} from production code`,
        });
      // graphs for (c)
      if (!imp.typeOnly) {
        if (!fileGraph.has(file)) fileGraph.set(file, new Set());
        fileGraph.get(file)!.add(imp.to);
      }
      if (from && to && from !== to && !test) {
        if (!moduleGraph.has(from)) moduleGraph.set(from, new Map());
        if (!moduleGraph.get(from)!.has(to)) moduleGraph.get(from)!.set(to, imp);
      }
    }

    // (e) a tenant's database opened outside the context factory
    if (!test && file !== CONTEXT_FACTORY && file !== "server/db.ts")
      for (const line of tenantDbCalls(parsed))
        violations.push({
          key: `context ${file}`,
          message: `${file}:${line} calls tenantDb(): build the context with tenantContext()/systemContext() from ${CONTEXT_FACTORY}`,
        });

    // (f) raw SQL outside the helper
    if (!test && file !== RAW_SQL_HELPER)
      for (const call of rawSqlCalls(parsed))
        violations.push({
          key: `raw-sql ${file}:${call.line}`,
          message: `${file}:${call.line} calls ${call.method}: run raw SQL through ${RAW_SQL_HELPER} (tenantSql(client, tenantId), or crossTenantSql for work that spans every tenant)`,
        });

    // (b) foreign-model access
    if (!test) {
      for (const a of modelAccesses(parsed, models)) {
        if (a.model.owners.some((o) => (o.endsWith("/") ? file.startsWith(o) : file === o))) continue;
        violations.push({
          key: `foreign-model ${file}:${a.line} -> ${a.model.name}`,
          message: `${file}:${a.line} ${a.how}: ${a.model.name} belongs to ${a.model.owners.join(", ")} (${a.model.schemaFile}); call its owner's public function instead`,
        });
      }
    }
  }

  // (c) cycles
  const modGraph = new Map([...moduleGraph].map(([k, v]) => [k, new Set(v.keys())]));
  for (const comp of cyclicComponents(modGraph)) {
    const loop = loopIn(modGraph, comp);
    const via = loop
      .slice(0, -1)
      .map((m, i) => {
        const imp = moduleGraph.get(m)!.get(loop[i + 1]!)!;
        return `  ${m} → ${loop[i + 1]}: ${imp.from}:${imp.line} imports ${imp.to}`;
      })
      .join("\n");
    violations.push({
      key: `module-cycle ${comp.join(" ")}`,
      message: `modules in a cycle: ${comp.join(", ")}\n${via}\n  move the use case to the module that owns its outcome, or let the lower module expose what the upper one needs`,
    });
  }
  for (const comp of cyclicComponents(fileGraph)) {
    const loop = loopIn(fileGraph, comp);
    // Named by the areas it spans (modules, or the top two folders), so that a file joining a
    // known cycle does not rename it.
    const areas = [...new Set(comp.map((f) => moduleOf(f) ?? f.split("/").slice(0, 2).join("/")))].sort();
    violations.push({
      key: `file-cycle ${areas.join(" ")}`,
      message: `${comp.length} files in an import cycle, e.g.\n  ${loop.join("\n  → ")}`,
    });
  }
  return { violations, files: files.length };
}

if (process.argv[1] === import.meta.filename) {
  const { violations, files } = findViolations();
  const count = (kind: string) => violations.filter((v) => v.key.startsWith(kind)).length;
  for (const v of violations) console.error(`✗ ${v.message}\n`);
  console.log(
    `boundaries: ${files} files; deep_imports=${count("deep-import")} foreign_model=${count("foreign-model")} cycles=${count("module-cycle") + count("file-cycle")} simulator_or_test_imports=${count("simulator-import") + count("test-import")} contexts=${count("context")} raw_sql=${count("raw-sql")}`,
  );
  process.exit(violations.length ? 1 : 0);
}
