/**
 * The parts of the import rule that are not edges in a module graph, so dependency-cruiser cannot
 * see them: a dynamic import whose specifier is computed, and the composition root (container.ts,
 * container/) handing on an adapter it imported (`import { X } …; export { X }`). Syntax only
 * (TypeScript's parser), no type check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface SourceViolation {
  rule: 'no-computed-import' | 'container-reexports-adapter';
  /** Path relative to the tree's root, e.g. src/core/x.ts. */
  file: string;
  detail: string;
}

function appFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return appFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function isLiteral(node: ts.Node | undefined): boolean {
  return (
    node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
  );
}

/** Names a composition-root file binds from imports of src/adapters/…. */
function adapterBindings(source: ts.SourceFile, adapters: string): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    const target = resolve(dirname(source.fileName), statement.moduleSpecifier.text);
    if (!target.startsWith(adapters)) continue;
    const clause = statement.importClause;
    if (clause?.name) names.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

function reexportedAdapters(source: ts.SourceFile, adaptersDir: string): string[] {
  const adapters = adapterBindings(source, adaptersDir);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause) {
      if (!ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).getText(source);
        if (adapters.has(local)) found.push(local);
      }
    }
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      if (adapters.has(statement.expression.text)) found.push(statement.expression.text);
    }
  }
  return found;
}

/** Violations under `<root>/src` (test files excluded, as in the graph rules). */
export function sourceViolations(root: string): SourceViolation[] {
  const violations: SourceViolation[] = [];
  for (const path of appFiles(join(root, 'src'))) {
    const file = relative(root, path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        !isLiteral(node.arguments[0])
      ) {
        const at = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        violations.push({
          rule: 'no-computed-import',
          file,
          detail: `line ${at}: import(${node.arguments[0]?.getText(source) ?? ''}) cannot be checked; name the module literally`,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (file === join('src', 'container.ts') || file.startsWith(join('src', 'container') + sep)) {
      for (const name of reexportedAdapters(source, join(root, 'src', 'adapters') + sep)) {
        violations.push({
          rule: 'container-reexports-adapter',
          file,
          detail: `exports ${name}, an adapter: interfaces would reach it past the rule`,
        });
      }
    }
  }
  return violations;
}
